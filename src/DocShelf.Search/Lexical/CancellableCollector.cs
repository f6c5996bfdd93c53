using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Passes hits on to another collector and stops the search once its token is cancelled: the token is checked at
/// every index segment and every few thousand matching chunks, so a search over a large shelf ends promptly when its
/// client leaves, its time is up or the service stops.
/// </summary>
internal sealed class CancellableCollector(ICollector inner, CancellationToken cancellationToken) : ICollector
{
    private const int CheckEvery = 4096;

    private int sinceCheck;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        cancellationToken.ThrowIfCancellationRequested();
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (++sinceCheck == CheckEvery)
        {
            sinceCheck = 0;
            cancellationToken.ThrowIfCancellationRequested();
        }

        inner.Collect(doc);
    }
}
