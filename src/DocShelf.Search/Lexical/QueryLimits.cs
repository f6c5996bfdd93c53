using System.Globalization;

namespace DocShelf.Search.Lexical;

/// <summary>
/// How much a query's patterns (prefix "lamp*", wildcard "l?mp", fuzzy "lamp~") may cost, checked on their shape
/// before Lucene builds an automaton for them. A "?" after a "*" doubles the states the wildcard's automaton may
/// need ("x*y" and thirteen "?" took 28 s of processor to prepare), so those are held to a few; the rest keep a
/// pattern's preparation to milliseconds and its matching to the words it reaches.
/// </summary>
public static class QueryLimits
{
    /// <summary>The longest pattern, in characters: longer than any real word.</summary>
    public const int LongestPattern = 64;

    /// <summary>The most "*" and "?" in one pattern.</summary>
    public const int MostWildcards = 8;

    /// <summary>The most "?" after a pattern's first "*".</summary>
    public const int MostSingleAfterStar = 4;

    /// <summary>The most patterns in one query.</summary>
    public const int MostPatterns = 10;

    /// <summary>The most different words on the shelf one pattern may reach.</summary>
    public const int MostWordsReached = 10_000;

    /// <summary>Refuses a wildcard pattern whose shape could make its automaton costly.</summary>
    public static void CheckWildcard(string pattern)
    {
        CheckLength(pattern);
        var wildcards = pattern.Count(c => c is '*' or '?');
        if (wildcards > MostWildcards)
        {
            throw new QueryTooCostlyException($"\"{Shown(pattern)}\" holds {wildcards} wildcards; a word may hold at most {MostWildcards}.");
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        var singlesAfterStar = star < 0 ? 0 : pattern[star..].Count(c => c == '?');
        if (singlesAfterStar > MostSingleAfterStar)
        {
            throw new QueryTooCostlyException(
                $"\"{Shown(pattern)}\" has {singlesAfterStar} \"?\" after a \"*\"; at most {MostSingleAfterStar} may follow one, so write the letters you know instead.");
        }
    }

    /// <summary>Refuses a prefix or fuzzy pattern too long to be a word.</summary>
    public static void CheckLength(string pattern)
    {
        if (pattern.Length > LongestPattern)
        {
            throw new QueryTooCostlyException($"\"{Shown(pattern)}\" is longer than {LongestPattern} characters; a wildcard, prefix or fuzzy word may be at most that long.");
        }
    }

    /// <summary>Refuses the pattern that takes a query past <see cref="MostPatterns"/>.</summary>
    public static void CheckCount(int patterns)
    {
        if (patterns > MostPatterns)
        {
            throw new QueryTooCostlyException($"A query may hold at most {MostPatterns} wildcard, prefix or fuzzy words; this one holds more.");
        }
    }

    /// <summary>The refusal of a pattern that reaches more than <see cref="MostWordsReached"/> words.</summary>
    public static QueryTooCostlyException TooManyWords(string pattern) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"\"{Shown(pattern)}\" matches more than {MostWordsReached:N0} different words on this shelf; add letters before its wildcard."));

    /// <summary>A pattern as a refusal quotes it: its start, when it is long.</summary>
    private static string Shown(string pattern) => pattern.Length <= LongestPattern ? pattern : pattern[..LongestPattern] + "…";
}
