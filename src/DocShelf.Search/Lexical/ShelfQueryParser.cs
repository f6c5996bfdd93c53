using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Lucene's classic syntax with the expensive parts left out: a /regular expression/ is read as the words in it
/// (one such query once held a core and gigabytes for minutes), and a leading wildcard is refused, so the query
/// falls back to plain words. Fuzzy terms keep Lucene's bound of 50 expansions and wildcards its constant-score
/// rewrite, so neither can grow without limit.
/// </summary>
internal sealed class ShelfQueryParser(Analyzer analyzer)
    : QueryParser(ShelfAnalyzer.Version, LexicalFields.Text, analyzer)
{
    /// <summary>The most words a query keeps when even its plain-word reading is too long for Lucene.</summary>
    private const int MostWords = 256;

    /// <summary>
    /// The query as Lucene reads it; when its syntax is broken or too costly, its plain words; when even those are
    /// too many for Lucene, its first <see cref="MostWords"/> words; and when Lucene takes none of these, nothing.
    /// </summary>
    public static Query ParseOrWords(Analyzer analyzer, string text)
    {
        var parser = new ShelfQueryParser(analyzer) { DefaultOperator = Operator.OR, AllowLeadingWildcard = false };
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        foreach (var reading in new Func<string>[] { () => text, () => PlainWords(words), () => PlainWords(words.Take(MostWords)) })
        {
            try
            {
                return parser.Parse(reading());
            }
            catch (Exception error) when (IsSyntaxProblem(error))
            {
                // Try the next, plainer reading.
            }
        }

        return new BooleanQuery(); // matches nothing
    }

    /// <summary>
    /// Words with every special character escaped. "AND", "OR" and "NOT" are operators even escaped, so they are
    /// lower-cased into the ordinary words they then are ("ferry OR" would otherwise stay broken).
    /// </summary>
    private static string PlainWords(IEnumerable<string> words) =>
        string.Join(' ', words.Select(word => word is "AND" or "OR" or "NOT" ? word.ToLowerInvariant() : Escape(word)));

    protected override Query GetRegexpQuery(string field, string termStr) => GetFieldQuery(field, termStr, quoted: false);

    /// <summary>What a query's text can make Lucene throw: bad syntax, a bad term, too many clauses.</summary>
    private static bool IsSyntaxProblem(Exception error) =>
        error is ParseException or ArgumentException or BooleanQuery.TooManyClausesException or InvalidOperationException;
}
