using DocShelf.Core.Documents;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Pdf;
using DocShelf.Ingestion.Readers.Epub;
using DocShelf.Ingestion.Readers.Html;
using DocShelf.Ingestion.Readers.Images;
using DocShelf.Ingestion.Readers.Mail;
using DocShelf.Ingestion.Readers.Office;
using DocShelf.Ingestion.Readers.Tables;
using DocShelf.Ingestion.Readers.Text;

namespace DocShelf.Ingestion.Readers;

/// <summary>
/// Every reader DocShelf has, one per kind of file. <see cref="Standard"/> lists them; a new format is a new line
/// there and a new reader, and nothing else changes.
/// </summary>
public sealed class ReaderCatalogue
{
    private readonly Dictionary<FileKind, IDocumentReader> byKind = [];

    public ReaderCatalogue(IEnumerable<IDocumentReader> readers)
    {
        foreach (var reader in readers)
        {
            foreach (var kind in reader.Kinds)
            {
                if (!byKind.TryAdd(kind, reader))
                {
                    throw new ArgumentException($"two readers claim {kind.ToName()} files", nameof(readers));
                }
            }
        }
    }

    /// <summary>The kinds some reader reads, in the order of <see cref="FileKind"/>.</summary>
    public IReadOnlyList<FileKind> Kinds => [.. byKind.Keys.Order()];

    /// <param name="converter">LibreOffice, kept running, for the office formats.</param>
    public static ReaderCatalogue Standard(IngestionOptions options, OfficeConverter converter)
    {
        var pdf = new PdfDocumentReader(options);
        return new ReaderCatalogue(
        [
            pdf,
            new ImageReader(options),
            new MarkupTextReader(FileKind.PlainText, text => text),
            new MarkupTextReader(FileKind.Markdown, MarkdownText.ToPlain),
            new MarkupTextReader(FileKind.AsciiDoc, AsciiDocText.ToPlain),
            new MarkupTextReader(FileKind.ReStructuredText, RestructuredText.ToPlain),
            new MarkupTextReader(FileKind.Org, OrgText.ToPlain),
            new DelimitedTextReader(),
            new HtmlReader(),
            new EpubReader(),
            new LaidOutOfficeReader(converter, pdf),
            new SpreadsheetReader(converter, options.PdfPasswords),
            new EmailReader(),
            new MboxReader(),
            new OutlookMessageReader(options.ToolLimits),
        ]);
    }

    public IDocumentReader? For(FileKind kind) => byKind.GetValueOrDefault(kind);
}
