using System.Text.RegularExpressions;

namespace DocShelf.Core.Text;

/// <summary>Where sentences and paragraphs start in a page's text.</summary>
public static partial class SentenceBoundaries
{
    /// <summary>Sorted offsets at which a sentence starts; offset 0 is not included.</summary>
    public static IReadOnlyList<int> Starts(string text) =>
        Boundary().Matches(text).Select(m => m.Index + m.Length).Where(i => i < text.Length).Distinct().ToList();

    // A sentence ends at . ! ? or … (optionally followed by closing quotes or brackets) and whitespace before a
    // capital, digit or opening quote; a blank line always ends one. "e.g. the" and "3.5 m" do not split.
    [GeneratedRegex(@"(?<=[.!?…][""'”’)\]]*)\s+(?=[\p{Lu}\p{N}""'“‘(\[])|\n\s*\n\s*")]
    private static partial Regex Boundary();
}
