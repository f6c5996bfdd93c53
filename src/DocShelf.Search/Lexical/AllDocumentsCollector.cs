using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DocShelf.Search.Lexical;

/// <summary>Gathers every matching chunk, unscored, as index-wide document numbers.</summary>
internal sealed class AllDocumentsCollector : ICollector
{
    private readonly List<int> found = [];
    private int docBase;

    public IReadOnlyList<int> Found => found;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context) => docBase = context.DocBase;

    public void Collect(int doc) => found.Add(docBase + doc);
}
