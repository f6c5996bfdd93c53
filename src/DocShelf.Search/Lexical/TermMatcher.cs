using DocShelf.Core.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Finds where a query's terms sit in a text by running the index's own analyzer over it, so "archives" is found
/// for a search for "archive" exactly as the index matched it.
/// </summary>
internal static class TermMatcher
{
    public static List<TextSpan> Find(Analyzer analyzer, string text, QueryTermSet queryTerms) =>
        [.. FindTerms(analyzer, text, queryTerms).Select(m => m.Span)];

    /// <summary>Each match with the analysed term it matched, so callers can tell how many distinct terms a text holds.</summary>
    public static List<(TextSpan Span, string Term)> FindTerms(Analyzer analyzer, string text, QueryTermSet queryTerms)
    {
        var matches = new List<(TextSpan, string)>();
        if (queryTerms.IsEmpty)
        {
            return matches;
        }

        using var tokens = analyzer.GetTokenStream(LexicalFields.Text, new StringReader(text));
        var term = tokens.AddAttribute<ICharTermAttribute>();
        var offset = tokens.AddAttribute<IOffsetAttribute>();
        tokens.Reset();
        while (tokens.IncrementToken())
        {
            var found = term.ToString();
            if (queryTerms.Matches(found))
            {
                matches.Add((new TextSpan(offset.StartOffset, offset.EndOffset - offset.StartOffset), found));
            }
        }

        tokens.End();
        return matches;
    }
}
