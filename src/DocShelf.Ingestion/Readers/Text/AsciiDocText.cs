using System.Text;
using System.Text.RegularExpressions;

namespace DocShelf.Ingestion.Readers.Text;

/// <summary>
/// AsciiDoc as the words it renders: titles without their "=" marks, block delimiters, attribute entries, block
/// attributes and comments gone, and inline markup (emphasis, links, cross references, images) reduced to its text.
/// </summary>
public static partial class AsciiDocText
{
    public static string ToPlain(string source)
    {
        var output = new StringBuilder();
        var inComment = false;
        foreach (var line in source.Split('\n'))
        {
            if (CommentDelimiter().IsMatch(line))
            {
                inComment = !inComment;
                continue;
            }

            if (inComment || Dropped().IsMatch(line))
            {
                continue;
            }

            output.Append(Inline(Structure().Replace(line, ""))).Append('\n');
        }

        return output.ToString();
    }

    private static string Inline(string line)
    {
        line = Macro().Replace(line, m => m.Groups["text"].Value);
        line = CrossReference().Replace(line, m => m.Groups["text"].Success ? m.Groups["text"].Value : m.Groups["id"].Value);
        line = Emphasis().Replace(line, m => m.Groups["text"].Value);
        return line.Replace(" |", " ", StringComparison.Ordinal).TrimStart('|').Replace(" +", "", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^/{4,}\s*$")]
    private static partial Regex CommentDelimiter();

    /// <summary>Line comments, attribute entries, block attributes and anchors, block delimiters, includes.</summary>
    [GeneratedRegex(@"^(//.*|:[\w-]+!?:.*|\[[^\]]*\]\s*|(-{2,}|={4,}|\*{4,}|_{4,}|\.{4,}|\+{4,}|\|={3,})\s*|include::.*|ifdef::.*|ifndef::.*|endif::.*)$")]
    private static partial Regex Dropped();

    /// <summary>A title's or list item's leading marks, and a block title's leading dot.</summary>
    [GeneratedRegex(@"^(={1,6}\s+|[*\-]+\s+|\.+\s+|\d+\.\s+|\.(?=\w))")]
    private static partial Regex Structure();

    /// <summary>link:, image:, footnote: and bare URLs with a [text].</summary>
    [GeneratedRegex(@"(?:(?:link|image|footnote|kbd|btn|menu|mailto)::?\S*?|https?://\S+?)\[(?<text>[^\]]*)\]")]
    private static partial Regex Macro();

    [GeneratedRegex(@"<<(?<id>[^,>]+)(?:,\s*(?<text>[^>]+))?>>")]
    private static partial Regex CrossReference();

    [GeneratedRegex(@"(?<![\w*_`#])(?<mark>\*\*?|__?|``?|##?|\^|~)(?<text>\S(?:.*?\S)?)\k<mark>(?![\w*_`#])")]
    private static partial Regex Emphasis();
}
