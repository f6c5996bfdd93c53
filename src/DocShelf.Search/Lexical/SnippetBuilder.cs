using DocShelf.Core.Search;
using Lucene.Net.Analysis;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Cuts a short passage around the densest cluster of query terms and marks where each term sits.
/// Terms are found by running the same analyzer over the chunk text, so "archives" marks a search for "archive".
/// </summary>
public sealed class SnippetBuilder(Analyzer analyzer, int length = 240)
{
    public (string Snippet, IReadOnlyList<TextSpan> Highlights) Build(string text, QueryTermSet queryTerms)
    {
        var matches = TermMatcher.Find(analyzer, text, queryTerms);
        var (start, end) = ChooseWindow(text, matches);
        var highlights = matches
            .Where(m => m.Start >= start && m.Start + m.Length <= end)
            .Select(m => new TextSpan(m.Start - start, m.Length))
            .ToList();
        var snippet = text[start..end];
        var trimmed = snippet.TrimStart();
        var shift = snippet.Length - trimmed.Length;
        snippet = Collapse(trimmed.TrimEnd(), highlights, shift, out var adjusted);
        return (snippet, adjusted);
    }

    /// <summary>The window of about <c>length</c> characters holding the most matches, widened to word boundaries.</summary>
    private (int Start, int End) ChooseWindow(string text, List<TextSpan> matches)
    {
        if (text.Length <= length)
        {
            return (0, text.Length);
        }

        var bestStart = 0;
        var bestCount = 0;
        for (int first = 0, last = 0; first < matches.Count; first++)
        {
            while (last < matches.Count && matches[last].Start + matches[last].Length - matches[first].Start <= length)
            {
                last++;
            }

            if (last - first > bestCount)
            {
                bestCount = last - first;
                bestStart = matches[first].Start;
            }
        }

        // Give the first match a little leading context rather than starting on it.
        var start = Math.Max(0, bestStart - (length / 5));
        start = Math.Min(start, text.Length - length);
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        var end = Math.Min(text.Length, start + length);
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>Folds line breaks and runs of spaces into single spaces, moving the highlights with the text.</summary>
    private static string Collapse(string snippet, List<TextSpan> highlights, int shift, out IReadOnlyList<TextSpan> adjusted)
    {
        var builder = new System.Text.StringBuilder(snippet.Length);
        var map = new int[snippet.Length + 1];
        for (var i = 0; i < snippet.Length; i++)
        {
            map[i] = builder.Length;
            var isSpace = char.IsWhiteSpace(snippet[i]);
            if (!isSpace || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(isSpace ? ' ' : snippet[i]);
            }
        }

        map[snippet.Length] = builder.Length;
        adjusted = highlights
            .Select(h => (Start: h.Start - shift, End: h.Start - shift + h.Length))
            .Where(h => h.Start >= 0 && h.End <= snippet.Length)
            .Select(h => new TextSpan(map[h.Start], map[h.End] - map[h.Start]))
            .ToList();
        return builder.ToString();
    }
}
