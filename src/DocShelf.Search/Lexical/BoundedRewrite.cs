using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Rewrites a prefix or wildcard query as Lucene's constant-score rewrite does, once it has counted the shelf's words
/// the pattern reaches and found them no more than <see cref="QueryLimits.MostWordsReached"/>; past that, the pattern
/// is refused, or, for the word still being typed, left out, since the next letter narrows it. The count stops at
/// the limit, so it costs no more than the rewrite it guards.
/// </summary>
internal sealed class BoundedRewrite : MultiTermQuery.RewriteMethod
{
    private readonly bool refuse;

    private BoundedRewrite(bool refuse) => this.refuse = refuse;

    /// <summary>A pattern the user wrote: past the limit, the query is refused with the reason.</summary>
    public static BoundedRewrite Refusing { get; } = new(refuse: true);

    /// <summary>The word being typed, matched as a prefix: past the limit, it matches as the word alone.</summary>
    public static BoundedRewrite Dropping { get; } = new(refuse: false);

    public override Query Rewrite(IndexReader reader, MultiTermQuery query)
    {
        if (ReachesAtMost(reader, query, QueryLimits.MostWordsReached))
        {
            return MultiTermQuery.CONSTANT_SCORE_AUTO_REWRITE_DEFAULT.Rewrite(reader, query);
        }

        return refuse ? throw QueryLimits.TooManyWords(query.ToString(query.Field)) : new BooleanQuery();
    }

    /// <summary>Whether the different words <paramref name="query"/> reaches in every segment together are at most <paramref name="most"/>.</summary>
    private bool ReachesAtMost(IndexReader reader, MultiTermQuery query, int most)
    {
        var reached = new HashSet<BytesRef>();
        foreach (var leaf in reader.Leaves)
        {
            if (leaf.AtomicReader.GetTerms(query.Field) is not { } terms)
            {
                continue;
            }

            var words = GetTermsEnum(query, terms, new AttributeSource());
            while (words.MoveNext())
            {
                if (reached.Add(BytesRef.DeepCopyOf(words.Term)) && reached.Count > most)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
