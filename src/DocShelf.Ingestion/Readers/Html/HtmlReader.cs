using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DocShelf.Core.Documents;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Readers.Text;

namespace DocShelf.Ingestion.Readers.Html;

/// <summary>
/// Reads an HTML or XHTML page as the text a browser shows, a page per top-level section, each labelled with its
/// heading; the title and author come from the head. Parsed by AngleSharp with no scripting and no loader, so
/// nothing on the page runs and nothing remote is fetched.
/// </summary>
public sealed class HtmlReader : IDocumentReader
{
    public IReadOnlyCollection<FileKind> Kinds { get; } = [FileKind.Html];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        var source = await TextFile.ReadAsync(file.Path, cancellationToken);
        using var document = await new HtmlParser().ParseDocumentAsync(source, cancellationToken);
        var title = Blank(document.Title);
        var sections = HtmlSections.Of(document, title);
        return new DocumentReading
        {
            Pages = TextPages.Labelled(sections.Count > 0 ? sections : [(title, "")]),
            Properties = new DocumentProperties(title, Meta(document, "author")),
        };
    }

    /// <summary>The content of a named meta element, or null.</summary>
    public static string? Meta(IDocument document, string name) =>
        Blank(document.Head?.QuerySelectorAll("meta").FirstOrDefault(m => string.Equals(m.GetAttribute("name"), name, StringComparison.OrdinalIgnoreCase))?.GetAttribute("content"));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
