using System.IO.Compression;
using System.Security;
using System.Text;

namespace DocShelf.Fixtures.Office;

/// <summary>
/// Writes OpenDocument files as the zips of XML they are: the "mimetype" entry first and stored, a manifest, the
/// content and the metadata (title and author). Text pages are apart by page breaks; a presentation has a page a slide.
/// </summary>
public static class OpenDocumentWriter
{
    private const string OfficeNamespaces =
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " +
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " +
        "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" " +
        "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\" " +
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" office:version=\"1.2\"";

    public static void WriteText(string path, OfficeText text)
    {
        var body = new StringBuilder();
        for (var page = 0; page < text.Pages.Count; page++)
        {
            foreach (var (paragraph, i) in OfficeText.Paragraphs(text.Pages[page]).Select((p, i) => (p, i)))
            {
                var style = page > 0 && i == 0 ? " text:style-name=\"NewPage\"" : "";
                body.Append($"<text:p{style}>{Escape(paragraph)}</text:p>");
            }
        }

        var styles = "<office:automatic-styles><style:style style:name=\"NewPage\" style:family=\"paragraph\"><style:paragraph-properties fo:break-before=\"page\"/></style:style></office:automatic-styles>";
        Write(path, "text", text, $"{styles}<office:body><office:text>{body}</office:text></office:body>");
    }

    public static void WriteSpreadsheet(string path, string title, IReadOnlyList<SheetText> sheets)
    {
        var body = new StringBuilder();
        foreach (var sheet in sheets)
        {
            body.Append($"<table:table table:name=\"{Escape(sheet.Name)}\">");
            foreach (var row in sheet.Rows)
            {
                body.Append("<table:table-row>");
                body.Append(string.Concat(row.Select(cell => $"<table:table-cell office:value-type=\"string\"><text:p>{Escape(cell)}</text:p></table:table-cell>")));
                body.Append("</table:table-row>");
            }

            body.Append("</table:table>");
        }

        Write(path, "spreadsheet", new OfficeText(title, "Edith Marlowe", []), $"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>");
    }

    public static void WritePresentation(string path, OfficeText text)
    {
        var body = new StringBuilder();
        for (var page = 0; page < text.Pages.Count; page++)
        {
            var (title, paragraphs) = OfficeText.Slide(text.Pages[page]);
            body.Append($"<draw:page draw:name=\"Slide {page + 1}\">");
            body.Append(title.Length > 0 ? Frame("1cm", "1cm", "2.5cm", [title]) : "");
            body.Append(Frame("1cm", "4cm", "14cm", paragraphs));
            body.Append("</draw:page>");
        }

        Write(path, "presentation", text, $"<office:body><office:presentation>{body}</office:presentation></office:body>");
    }

    private static string Frame(string x, string y, string height, IEnumerable<string> paragraphs) =>
        $"<draw:frame svg:x=\"{x}\" svg:y=\"{y}\" svg:width=\"26cm\" svg:height=\"{height}\"><draw:text-box>" +
        string.Concat(paragraphs.Select(p => $"<text:p>{Escape(p)}</text:p>")) + "</draw:text-box></draw:frame>";

    private static void Write(string path, string kind, OfficeText text, string content)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        ZipParts.Add(zip, "mimetype", $"application/vnd.oasis.opendocument.{kind}", CompressionLevel.NoCompression);
        ZipParts.Add(zip, "META-INF/manifest.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">" +
            $"<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.{kind}\"/>" +
            "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>" +
            "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>");
        ZipParts.Add(zip, "content.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content {OfficeNamespaces}>{content}</office:document-content>");
        ZipParts.Add(zip, "meta.xml",
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta {OfficeNamespaces}><office:meta>" +
            $"<dc:title>{Escape(text.Title)}</dc:title><meta:initial-creator>{Escape(text.Author)}</meta:initial-creator><dc:creator>{Escape(text.Author)}</dc:creator>" +
            "</office:meta></office:document-meta>");
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}
