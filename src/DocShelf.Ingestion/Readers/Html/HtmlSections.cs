using System.Text;
using AngleSharp.Dom;

namespace DocShelf.Ingestion.Readers.Html;

/// <summary>
/// The text a browser shows for a parsed HTML document, cut into sections at its top headings (h1 and h2), each
/// labelled with its heading. Blocks end lines, table cells are set apart by tabs, white space is collapsed as a
/// browser collapses it (kept inside pre), and what a browser never shows as text (scripts, styles, templates,
/// embedded objects) is left out. Nothing is fetched and nothing runs: this only walks the parsed tree.
/// </summary>
public sealed class HtmlSections
{
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "head", "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "audio", "video", "select", "button",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
    };

    /// <summary>A section shorter than this (a navigation bar, a lone title) joins the next instead of making a page of its own.</summary>
    private const int MinimumSection = 200;

    private readonly List<(string? Label, string Text)> sections = [];
    private StringBuilder text = new();
    private string? label;

    private HtmlSections(string? firstLabel) => label = firstLabel;

    /// <param name="untitled">The label of text before the first heading (the document's title, say).</param>
    public static IReadOnlyList<(string? Label, string Text)> Of(IDocument document, string? untitled)
    {
        var sections = new HtmlSections(untitled);
        if (document.Body is { } body)
        {
            sections.Walk(body, preformatted: false);
        }

        sections.Close();
        return Merged(sections.sections);
    }

    /// <summary>Short sections joined to the one after them (the last to the one before), under that one's label.</summary>
    private static List<(string? Label, string Text)> Merged(List<(string? Label, string Text)> sections)
    {
        var merged = new List<(string? Label, string Text)>();
        var pending = "";
        foreach (var (label, text) in sections)
        {
            var joined = pending.Length > 0 ? pending + "\n" + text : text;
            if (joined.Length < MinimumSection)
            {
                pending = joined;
                continue;
            }

            merged.Add((label, joined));
            pending = "";
        }

        if (pending.Length > 0)
        {
            if (merged.Count > 0)
            {
                merged[^1] = (merged[^1].Label, merged[^1].Text + "\n" + pending);
            }
            else
            {
                merged.Add((sections[^1].Label, pending));
            }
        }

        return merged;
    }

    private void Walk(INode node, bool preformatted)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    Append(textNode.Data, preformatted);
                    break;
                case IElement element when Hidden.Contains(element.LocalName) || element.HasAttribute("hidden"):
                    break;
                case IElement element when element.LocalName is "h1" or "h2":
                    Close();
                    label = Collapse(element.TextContent).Trim();
                    Walk(element, preformatted);
                    LineBreak();
                    break;
                case IElement element:
                    WalkElement(element, preformatted);
                    break;
            }
        }
    }

    private void WalkElement(IElement element, bool preformatted)
    {
        var block = Blocks.Contains(element.LocalName);
        if (block)
        {
            LineBreak();
        }
        else if (element.LocalName is "td" or "th")
        {
            Separate('\t');
        }

        Walk(element, preformatted || element.LocalName == "pre");
        if (block)
        {
            LineBreak();
        }
        else if (element.LocalName is "img" && element.GetAttribute("alt") is { Length: > 0 } alt)
        {
            Append(alt, preformatted: false);
        }
    }

    private void Append(string data, bool preformatted)
    {
        var piece = preformatted ? data : Collapse(data);
        if (!preformatted && (text.Length == 0 || char.IsWhiteSpace(text[^1])))
        {
            piece = piece.TrimStart();
        }

        text.Append(piece);
    }

    private void Separate(char separator)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            TrimEnd();
            text.Append(separator);
        }
    }

    private void LineBreak()
    {
        TrimEnd();
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    private void TrimEnd()
    {
        while (text.Length > 0 && text[^1] is ' ' or '\t')
        {
            text.Length--;
        }
    }

    private void Close()
    {
        var finished = text.ToString().Trim();
        if (finished.Length > 0)
        {
            sections.Add((label, finished));
        }

        text = new StringBuilder();
    }

    private static string Collapse(string data)
    {
        var collapsed = new StringBuilder(data.Length);
        foreach (var c in data)
        {
            var space = char.IsWhiteSpace(c) && c != '\u00A0';
            if (!space || collapsed.Length == 0 || collapsed[^1] != ' ')
            {
                collapsed.Append(space ? ' ' : c);
            }
        }

        return collapsed.ToString();
    }
}
