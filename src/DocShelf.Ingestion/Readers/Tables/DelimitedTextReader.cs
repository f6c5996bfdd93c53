using DocShelf.Core.Documents;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Readers.Text;
using Sylvan.Data.Csv;

namespace DocShelf.Ingestion.Readers.Tables;

/// <summary>
/// Reads comma-, semicolon-, tab- or bar-separated values (Sylvan's CSV reader: RFC 4180 quoting, the delimiter found
/// from the first line), a line a row, cut into pages of rows.
/// </summary>
public sealed class DelimitedTextReader : IDocumentReader
{
    public IReadOnlyCollection<FileKind> Kinds { get; } = [FileKind.DelimitedText];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        var text = await TextFile.ReadAsync(file.Path, cancellationToken);
        var options = new CsvDataReaderOptions { HasHeaders = false, ResultSetMode = ResultSetMode.SingleResult };
        await using var csv = await CsvDataReader.CreateAsync(new StringReader(text), options, cancellationToken);
        var rows = new List<IReadOnlyList<string>>();
        while (await csv.ReadAsync(cancellationToken))
        {
            rows.Add([.. Enumerable.Range(0, csv.RowFieldCount).Select(csv.GetString)]);
        }

        var pages = TablePages.Of(null, rows).ToList();
        return new DocumentReading { Pages = TextPages.Labelled(pages.Count > 0 ? pages : [(null, "")]) };
    }
}
