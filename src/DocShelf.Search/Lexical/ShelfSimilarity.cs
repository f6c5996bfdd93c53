using Lucene.Net.Search.Similarities;

namespace DocShelf.Search.Lexical;

/// <summary>
/// BM25 with k1 0.9 and b 0.4, the values passage retrieval work settled on for short, page-sized texts like
/// DocShelf's chunks (Lucene's defaults, 1.2 and 0.75, punish long pages harder than chunks deserve).
/// </summary>
internal static class ShelfSimilarity
{
    public static BM25Similarity Create() => new(k1: 0.9f, b: 0.4f);
}
