using System.Text.RegularExpressions;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Question marks that end a word are punctuation, not Lucene's one-character wildcard: "lighthouse?" would
/// otherwise match "lighthouses" and never "lighthouse". A '?' inside a word ("colo?r") stays a wildcard.
/// </summary>
internal static partial class QuestionMarks
{
    public static string Strip(string query) => WordFinal().Replace(query, "");

    [GeneratedRegex(@"\?+(?=\s|$|[)""'])")]
    private static partial Regex WordFinal();
}
