using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// What a text file is: HTML and e-mail say so in their first lines; the markup of a note (Markdown, AsciiDoc,
/// reStructuredText, Org) and delimited values look like plain text, so for them alone the name's extension decides.
/// </summary>
public static class TextKinds
{
    private static readonly Dictionary<string, FileKind> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".md"] = FileKind.Markdown,
        [".markdown"] = FileKind.Markdown,
        [".adoc"] = FileKind.AsciiDoc,
        [".asciidoc"] = FileKind.AsciiDoc,
        [".asc"] = FileKind.AsciiDoc,
        [".rst"] = FileKind.ReStructuredText,
        [".org"] = FileKind.Org,
        [".csv"] = FileKind.DelimitedText,
        [".tsv"] = FileKind.DelimitedText,
        [".tab"] = FileKind.DelimitedText,
    };

    /// <param name="head">The first few kilobytes, decoded.</param>
    public static FileKind Of(string head, string name)
    {
        var start = head.AsSpan().TrimStart();
        if (IsHtml(start))
        {
            return FileKind.Html;
        }

        if (MailHeaders.StartsMailbox(head))
        {
            return FileKind.Mbox;
        }

        if (MailHeaders.StartsMessage(head))
        {
            return FileKind.Email;
        }

        return Extensions.GetValueOrDefault(Path.GetExtension(name), FileKind.PlainText);
    }

    /// <summary>A document type or root element of HTML, after any XML declaration and comments.</summary>
    private static bool IsHtml(ReadOnlySpan<char> start)
    {
        while (true)
        {
            if (start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
            {
                start = SkipPast(start, "?>");
            }
            else if (start.StartsWith("<!--", StringComparison.Ordinal))
            {
                start = SkipPast(start, "-->");
            }
            else
            {
                break;
            }
        }

        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) ||
               start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private static ReadOnlySpan<char> SkipPast(ReadOnlySpan<char> text, string end)
    {
        var at = text.IndexOf(end, StringComparison.Ordinal);
        return at < 0 ? [] : text[(at + end.Length)..].TrimStart();
    }
}
