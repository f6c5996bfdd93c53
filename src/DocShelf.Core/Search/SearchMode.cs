namespace DocShelf.Core.Search;

/// <summary>How a query is matched: by its words, by its meaning, or both fused.</summary>
public enum SearchMode
{
    /// <summary>BM25 over the words, with stemming; needs no model.</summary>
    Lexical,

    /// <summary>Cosine similarity of embeddings; needs an embedding model.</summary>
    Semantic,

    /// <summary>Both rankings, their normalised scores fused.</summary>
    Hybrid,
}
