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
    private const int CheckEvery = 1024;

    public static List<TextSpan> Find(Analyzer analyzer, string text, QueryTermSet queryTerms, CancellationToken cancellationToken = default) =>
        [.. FindTerms(analyzer, text, queryTerms, cancellationToken).Select(m => m.Span)];

    /// <summary>Each match with the analysed term it matched, so callers can tell how many distinct terms a text holds.</summary>
    /// <param name="cancellationToken">Checked every <see cref="CheckEvery"/> words, so a long text under many patterns stops in time.</param>
    public static List<(TextSpan Span, string Term)> FindTerms(Analyzer analyzer, string text, QueryTermSet queryTerms, CancellationToken cancellationToken = default)
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
        for (var seen = 1; tokens.IncrementToken(); seen++)
        {
            if (seen % CheckEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

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
