using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Lucene's classic syntax with the expensive parts left out: a /regular expression/ is read as the words in it
/// (one such query once held a core and gigabytes for minutes), and a leading wildcard is refused, so the query
/// falls back to plain words. Prefix, wildcard and fuzzy words are held to <see cref="QueryLimits"/> before Lucene
/// builds anything for them, and a query past those limits is refused with <see cref="QueryTooCostlyException"/>.
/// Fuzzy words keep Lucene's bound of 50 expansions; prefixes and wildcards are refused past
/// <see cref="QueryLimits.MostWordsReached"/> words by <see cref="BoundedRewrite"/>.
/// </summary>
internal sealed class ShelfQueryParser(Analyzer analyzer)
    : QueryParser(ShelfAnalyzer.Version, LexicalFields.Text, analyzer)
{
    /// <summary>The most words a query keeps when even its plain-word reading is too long for Lucene.</summary>
    private const int MostWords = 256;

    /// <summary>The prefix, wildcard and fuzzy words met so far in this parse, held to <see cref="QueryLimits.MostPatterns"/>.</summary>
    private int patterns;

    /// <summary>
    /// The query as Lucene reads it; when its syntax is broken or too costly, its plain words; when even those are
    /// too many for Lucene, its first <see cref="MostWords"/> words; and when Lucene takes none of these, nothing.
    /// </summary>
    public static Query ParseOrWords(Analyzer analyzer, string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        foreach (var reading in new Func<string>[] { () => text, () => PlainWords(words), () => PlainWords(words.Take(MostWords)) })
        {
            try
            {
                var parser = new ShelfQueryParser(analyzer)
                {
                    DefaultOperator = Operator.OR,
                    AllowLeadingWildcard = false,
                    MultiTermRewriteMethod = BoundedRewrite.Refusing,
                };
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

    protected override Query GetWildcardQuery(string field, string termStr)
    {
        QueryLimits.CheckWildcard(termStr);
        QueryLimits.CheckCount(++patterns);
        return base.GetWildcardQuery(field, termStr);
    }

    protected override Query GetPrefixQuery(string field, string termStr)
    {
        QueryLimits.CheckLength(termStr);
        QueryLimits.CheckCount(++patterns);
        return base.GetPrefixQuery(field, termStr);
    }

    protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity)
    {
        QueryLimits.CheckLength(termStr);
        QueryLimits.CheckCount(++patterns);
        return base.GetFuzzyQuery(field, termStr, minSimilarity);
    }

    protected override Query GetRegexpQuery(string field, string termStr) => GetFieldQuery(field, termStr, quoted: false);

    /// <summary>What a query's text can make Lucene throw: bad syntax, a bad term, too many clauses.</summary>
    private static bool IsSyntaxProblem(Exception error) =>
        error is ParseException or ArgumentException or BooleanQuery.TooManyClausesException or InvalidOperationException;
}
