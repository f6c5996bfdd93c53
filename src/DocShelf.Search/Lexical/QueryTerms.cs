using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DocShelf.Search.Lexical;

internal static class QueryTerms
{
    /// <summary>The analyzed terms a query looks for in the text field (after stemming and stop words).</summary>
    public static HashSet<string> Of(Query query)
    {
        var terms = new HashSet<Term>();
        try
        {
            query.ExtractTerms(terms);
        }
        catch (NotSupportedException)
        {
            // Wildcard and fuzzy queries hold no fixed terms; the snippet is then simply unmarked.
        }

        return terms
            .Where(t => t.Field == LexicalFields.Text)
            .Select(t => t.Text)
            .ToHashSet(StringComparer.Ordinal);
    }
}
