using System.Text;
using System.Text.RegularExpressions;

namespace DocShelf.Ingestion.Readers.Text;

/// <summary>
/// Org as the words it renders: headlines without their stars, keywords, priorities and tags; settings lines,
/// drawers, block delimiters, comments and table rules gone; links and emphasis reduced to their text. A title and
/// an author given as settings are kept as text.
/// </summary>
public static partial class OrgText
{
    public static string ToPlain(string source)
    {
        var output = new StringBuilder();
        var inDrawer = false;
        foreach (var line in source.Split('\n'))
        {
            if (Drawer().IsMatch(line))
            {
                inDrawer = !line.Trim().Equals(":END:", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (inDrawer || Comment().IsMatch(line) || TableRule().IsMatch(line))
            {
                continue;
            }

            if (Setting().Match(line) is { Success: true } setting)
            {
                if (setting.Groups["key"].Value.ToUpperInvariant() is "TITLE" or "AUTHOR" or "SUBTITLE")
                {
                    output.Append(Inline(setting.Groups["value"].Value)).Append('\n');
                }

                continue;
            }

            output.Append(Inline(ListMark().Replace(Headline().Replace(line, m => m.Groups["title"].Value), ""))).Append('\n');
        }

        return output.ToString();
    }

    private static string Inline(string line)
    {
        line = Link().Replace(line, m => m.Groups["text"].Success ? m.Groups["text"].Value : m.Groups["target"].Value);
        line = Emphasis().Replace(line, m => m.Groups["text"].Value);
        return line.Replace("|", " ", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\*+\s+(?:(?:TODO|DONE|NEXT|WAITING|CANCELLED)\s+)?(?:\[#[A-Z]\]\s+)?(?<title>.*?)(?:\s+:[\w@#%:]+:)?\s*$")]
    private static partial Regex Headline();

    [GeneratedRegex(@"^\s*#\+(?<key>\w+):\s*(?<value>.*)$|^\s*#\+(BEGIN|END)_\w+.*$", RegexOptions.IgnoreCase)]
    private static partial Regex Setting();

    [GeneratedRegex(@"^\s*:[A-Z_]+:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Drawer();

    [GeneratedRegex(@"^\s*#(\s.*)?$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\s*\|[-+]+\|?\s*$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"^\s*([-+]|\d+[.)])\s+(\[[ Xx-]\]\s+)?")]
    private static partial Regex ListMark();

    [GeneratedRegex(@"\[\[(?<target>[^\]]+)\](?:\[(?<text>[^\]]+)\])?\]")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<![\w])(?<mark>[*/_=~+])(?<text>[^\s*/_=~+](?:[^\n]*?[^\s])?)\k<mark>(?![\w])")]
    private static partial Regex Emphasis();
}
