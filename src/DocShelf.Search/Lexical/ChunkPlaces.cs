using DocShelf.Core.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Reads where a query's words stand in some chunks of one index segment: from the postings, each matching term's
/// offsets in each chunk, placed on the page by the chunk's own offset there. A segment an older DocShelf wrote
/// keeps no offsets; until a writer rebuilds the index, its chunks' texts are analysed again instead.
/// </summary>
internal static class ChunkPlaces
{
    /// <param name="docs">The chunks, by their number in <paramref name="segment"/>, in rising order.</param>
    public static void Read(AtomicReader segment, int[] docs, QueryTermSet terms, Analyzer analyzer, HashSet<WordHit> into, CancellationToken cancellationToken)
    {
        var text = segment.GetTerms(LexicalFields.Text);
        if (text is null || docs.Length == 0)
        {
            return;
        }

        var pages = segment.GetNumericDocValues(LexicalFields.Page);
        var starts = segment.GetNumericDocValues(LexicalFields.Start);
        if (pages is null || starts is null || !text.HasOffsets)
        {
            Analyse(segment, docs, terms, analyzer, into, cancellationToken);
            return;
        }

        var seek = text.GetEnumerator();
        foreach (var term in terms.TermsIn(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seek.SeekExact(term) || seek.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS) is not { } postings)
            {
                continue;
            }

            foreach (var doc in docs)
            {
                if (postings.DocID < doc && postings.Advance(doc) == DocIdSetIterator.NO_MORE_DOCS)
                {
                    break;
                }

                if (postings.DocID != doc)
                {
                    continue;
                }

                var (page, chunkStart) = ((int)pages.Get(doc), (int)starts.Get(doc));
                for (var i = 0; i < postings.Freq; i++)
                {
                    postings.NextPosition();
                    into.Add(new WordHit(page, chunkStart + postings.StartOffset, postings.EndOffset - postings.StartOffset));
                }
            }
        }
    }

    private static void Analyse(AtomicReader segment, int[] docs, QueryTermSet terms, Analyzer analyzer, HashSet<WordHit> into, CancellationToken cancellationToken)
    {
        foreach (var doc in docs)
        {
            var chunk = segment.Document(doc);
            var page = chunk.GetField(LexicalFields.Page).GetInt32Value() ?? 0;
            var chunkStart = chunk.GetField(LexicalFields.Start)?.GetInt32Value() ?? 0;
            into.UnionWith(TermMatcher.Find(analyzer, chunk.Get(LexicalFields.Text), terms, cancellationToken)
                .Select(span => new WordHit(page, chunkStart + span.Start, span.Length)));
        }
    }
}
