using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace DocShelf.Search.Lexical;

/// <summary>Makes every searcher score with BM25, the same similarity the index was written with.</summary>
internal sealed class Bm25SearcherFactory : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = ShelfSimilarity.Create() };
}
