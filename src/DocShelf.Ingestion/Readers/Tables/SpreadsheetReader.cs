using System.Globalization;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Readers.Office;
using ExcelDataReader;

namespace DocShelf.Ingestion.Readers.Tables;

/// <summary>
/// Reads a workbook sheet by sheet, row by row (ExcelDataReader for XLSX, XLSM and XLS; an OpenDocument sheet is
/// first saved as XLSX by the office converter), each page labelled with its sheet. Cells read as their values:
/// numbers in invariant form, dates as ISO dates, formulas as the result last computed. The title and author come from
/// the workbook's properties where the converter carries them.
/// </summary>
/// <param name="passwords">Passwords tried, in order, on a protected workbook.</param>
public sealed class SpreadsheetReader(OfficeConverter converter, IReadOnlyList<string> passwords) : IDocumentReader
{
    static SpreadsheetReader() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance); // Excel 97's code pages

    public IReadOnlyCollection<FileKind> Kinds { get; } = [FileKind.Xlsx, FileKind.Xls, FileKind.Ods];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        var workbook = file.Kind == FileKind.Ods
            ? await converter.ConvertAsync(file, OfficeTarget.Xlsx, cancellationToken)
            : file.Path;
        Exception? refusal = null;
        foreach (var password in new string?[] { null }.Concat(passwords))
        {
            try
            {
                var pages = await ReadSheetsAsync(workbook, password, cancellationToken);
                return new DocumentReading { Pages = TextPages.Labelled(pages.Count > 0 ? pages : [(null, "")]) };
            }
            catch (ExcelDataReader.Exceptions.InvalidPasswordException error)
            {
                refusal = error;
            }
            catch (Exception error) when (error is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or NotSupportedException)
            {
                throw new UnreadableFileException("the workbook is damaged, or is not the kind of workbook its name says, and could not be opened", error.Message);
            }
        }

        throw new UnreadableFileException("the workbook is protected by a password and no configured password opens it", refusal?.Message);
    }

    private static async Task<List<(string? Label, string Text)>> ReadSheetsAsync(string workbook, string? password, CancellationToken cancellationToken)
    {
        var pages = new List<(string? Label, string Text)>();
        await using var stream = File.OpenRead(workbook);
        using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { Password = password });
        do
        {
            pages.AddRange(TablePages.Of(reader.Name, Rows(reader, cancellationToken)));
        }
        while (reader.NextResult());
        return pages;
    }

    private static IEnumerable<IReadOnlyList<string>> Rows(IExcelDataReader reader, CancellationToken cancellationToken)
    {
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cells = new string[reader.FieldCount];
            for (var column = 0; column < cells.Length; column++)
            {
                cells[column] = Cell(reader.GetValue(column));
            }

            yield return cells;
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
