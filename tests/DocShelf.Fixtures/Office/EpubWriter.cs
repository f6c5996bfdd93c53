using System.IO.Compression;
using System.Security;
using System.Text;

namespace DocShelf.Fixtures.Office;

/// <summary>Writes an EPUB 3 book: mimetype first and stored, the container, a package with Dublin Core metadata, and a chapter an XHTML file.</summary>
public static class EpubWriter
{
    /// <param name="chapterTitles">Each chapter's heading, which stands for the first paragraph of its page.</param>
    public static void Write(string path, OfficeText text, IReadOnlyList<string> chapterTitles)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        ZipParts.Add(zip, "mimetype", "application/epub+zip", CompressionLevel.NoCompression);
        ZipParts.Add(zip, "META-INF/container.xml",
            "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">" +
            "<rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>");
        var manifest = new StringBuilder("<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>");
        var spine = new StringBuilder();
        for (var i = 0; i < text.Pages.Count; i++)
        {
            manifest.Append($"<item id=\"c{i + 1}\" href=\"text/chapter{i + 1}.xhtml\" media-type=\"application/xhtml+xml\"/>");
            spine.Append($"<itemref idref=\"c{i + 1}\"/>");
            var body = $"<h1>{Escape(chapterTitles[i])}</h1>" + string.Concat(OfficeText.Paragraphs(text.Pages[i]).Skip(1).Select(p => $"<p>{Escape(p)}</p>"));
            ZipParts.Add(zip, $"OEBPS/text/chapter{i + 1}.xhtml", Xhtml(chapterTitles[i], body));
        }

        ZipParts.Add(zip, "OEBPS/nav.xhtml", Xhtml("Contents", "<nav epub:type=\"toc\"><ol>" +
            string.Concat(chapterTitles.Select((t, i) => $"<li><a href=\"text/chapter{i + 1}.xhtml\">{Escape(t)}</a></li>")) + "</ol></nav>"));
        ZipParts.Add(zip, "OEBPS/content.opf",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">" +
            "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"id\">urn:uuid:0b6c2f1e-3f5a-4c1e-9d77-2a1b9f3e1c01</dc:identifier>" +
            $"<dc:title>{Escape(text.Title)}</dc:title><dc:creator>{Escape(text.Author)}</dc:creator><dc:language>en</dc:language><dc:date>1902-06-14</dc:date>" +
            "<meta property=\"dcterms:modified\">2024-01-01T00:00:00Z</meta></metadata>" +
            $"<manifest>{manifest}</manifest><spine>{spine}</spine></package>");
    }

    private static string Xhtml(string title, string body) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">" +
        $"<head><title>{Escape(title)}</title></head><body>{body}</body></html>";

    private static string Escape(string text) => SecurityElement.Escape(text);
}
