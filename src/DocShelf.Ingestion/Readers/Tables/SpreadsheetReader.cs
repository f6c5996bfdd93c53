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
public sealed class SpreadsheetReader(OfficeConverter converter) : IDocumentReader
{
    public IReadOnlyCollection<FileKind> Kinds { get; } = [FileKind.Xlsx, FileKind.Xls, FileKind.Ods];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        var workbook = file.Kind == FileKind.Ods
            ? await converter.ConvertAsync(file, OfficeTarget.Xlsx, cancellationToken)
            : file.Path;
        var pages = new List<(string? Label, string Text)>();
        try
        {
            await using var stream = File.OpenRead(workbook);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            do
            {
                pages.AddRange(TablePages.Of(reader.Name, Rows(reader, cancellationToken)));
            }
            while (reader.NextResult());
        }
        catch (Exception error) when (error is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or NotSupportedException)
        {
            throw new UnreadableFileException(Reason(error));
        }

        return new DocumentReading { Pages = TextPages.Labelled(pages.Count > 0 ? pages : [(null, "")]) };
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

    private static string Reason(Exception error) =>
        error.Message.Contains("password", StringComparison.OrdinalIgnoreCase) || error.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase)
            ? "the workbook is protected by a password"
            : $"the workbook could not be read: {error.Message}";
}
