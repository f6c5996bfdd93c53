namespace DocShelf.Core.Search;

/// <summary>Why a result was returned: it holds the query's words, or it is only close to the query in meaning.</summary>
public enum HitMatch
{
    /// <summary>The chunk holds at least one of the query's words, as the lexical index matches them (stemmed).</summary>
    Words,

    /// <summary>The chunk holds none of the query's words; the embedding model found it close in meaning.</summary>
    Meaning,
}
