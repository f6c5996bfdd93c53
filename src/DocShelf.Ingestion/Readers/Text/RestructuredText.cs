using System.Text;
using System.Text.RegularExpressions;

namespace DocShelf.Ingestion.Readers.Text;

/// <summary>
/// reStructuredText as the words it renders: section adornments, directives' own lines, comments and table borders
/// gone, and inline markup (emphasis, literals, roles, hyperlink references) reduced to its text.
/// </summary>
public static partial class RestructuredText
{
    public static string ToPlain(string source)
    {
        var output = new StringBuilder();
        var inComment = false;
        foreach (var line in source.Split('\n'))
        {
            // A comment runs on over the lines indented under it.
            if (inComment && (line.Length == 0 || char.IsWhiteSpace(line[0])))
            {
                continue;
            }

            inComment = Comment().IsMatch(line);
            if (inComment || Adornment().IsMatch(line) || Directive().IsMatch(line) || TargetDefinition().IsMatch(line))
            {
                continue;
            }

            output.Append(Inline(ListMark().Replace(line, ""))).Append('\n');
        }

        return output.ToString();
    }

    private static string Inline(string line)
    {
        line = Reference().Replace(line, m => m.Groups["text"].Value.Trim());
        line = Role().Replace(line, m => m.Groups["text"].Value);
        line = Emphasis().Replace(line, m => m.Groups["text"].Value);
        line = FieldName().Replace(line, "");
        line = line.EndsWith("::", StringComparison.Ordinal) ? line[..^1] : line;
        return line.Replace("|", " ", StringComparison.Ordinal);
    }

    /// <summary>A line of one repeated punctuation mark: a section's underline or overline, or a table border.</summary>
    [GeneratedRegex(@"^\s*([=\-`:'""~^_*+#<>.])\1{2,}\s*$|^\s*\+[-=+]+\+\s*$|^\s*(=+\s+)+=+\s*$")]
    private static partial Regex Adornment();

    [GeneratedRegex(@"^\s*\.\.\s+[\w:-]+::")]
    private static partial Regex Directive();

    [GeneratedRegex(@"^\s*\.\.\s+(_[^:]+:|\[[^\]]+\]|\|[^|]+\|)")]
    private static partial Regex TargetDefinition();

    /// <summary>"..", then anything that is not a directive or a target: a comment.</summary>
    [GeneratedRegex(@"^\.\.(\s+(?![\w:-]+::|_|\[|\|).*)?$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\s*([*+\-•]|\d+[.)]|#\.)\s+")]
    private static partial Regex ListMark();

    [GeneratedRegex(@"`(?<text>[^`<]+?)(?:\s*<[^>]*>)?`__?")]
    private static partial Regex Reference();

    [GeneratedRegex(@":[\w:-]+:`(?<text>[^`<]*?)(?:\s*<[^>]*>)?`")]
    private static partial Regex Role();

    [GeneratedRegex(@"(?<mark>\*\*|\*|``|`)(?<text>\S(?:.*?\S)?)\k<mark>")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^\s*:[\w -]+:\s*")]
    private static partial Regex FieldName();
}
