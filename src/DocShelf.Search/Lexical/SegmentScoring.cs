using System.Runtime.ExceptionServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Scores a query's index segments on every core at once, each share of the segments into a collector of its own, and
/// keeps the best of all: on a large shelf a search of words otherwise scores one segment after another on one core.
/// The ranking is the one a single collector gives: the same scores, and ties to the lower chunk number.
/// </summary>
internal static class SegmentScoring
{
    /// <summary>Below this many chunks a search is scored on one thread: starting the others would cost more than it saves.</summary>
    private const int ScoredTogetherBelow = 50_000;

    /// <param name="scoredTogetherBelow">Chunks below which the segments are scored on one thread.</param>
    public static ScoreDoc[] Best(IndexSearcher searcher, Query query, int top, CancellationToken cancellationToken, int scoredTogetherBelow = ScoredTogetherBelow)
    {
        var weight = searcher.CreateNormalizedWeight(query);
        var shares = Shares(searcher.IndexReader, scoredTogetherBelow);
        var found = new ScoreDoc[shares.Count][];
        try
        {
            Parallel.For(
                0,
                shares.Count,
                new ParallelOptions { CancellationToken = cancellationToken },
                share => found[share] = Score(weight, shares[share], top, cancellationToken));
        }
        catch (AggregateException error) when (error.InnerExceptions.Count == 1)
        {
            // What failed in a share fails the search as it would have on one thread.
            ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
        }

        return [.. found.SelectMany(hits => hits).OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Doc).Take(top)];
    }

    /// <summary>What <see cref="IndexSearcher"/> does for each segment, into one collector for the share.</summary>
    private static ScoreDoc[] Score(Weight weight, IReadOnlyList<AtomicReaderContext> segments, int top, CancellationToken cancellationToken)
    {
        var best = TopScoreDocCollector.Create(top, docsScoredInOrder: false);
        var collector = new CancellableCollector(best, cancellationToken);
        foreach (var segment in segments)
        {
            collector.SetNextReader(segment);
            weight.GetBulkScorer(segment, !collector.AcceptsDocsOutOfOrder, segment.AtomicReader.LiveDocs)?.Score(collector);
        }

        return best.GetTopDocs().ScoreDocs;
    }

    /// <summary>The segments in one share per core, largest first into the lightest share, so each holds about as many chunks.</summary>
    private static List<List<AtomicReaderContext>> Shares(IndexReader reader, int scoredTogetherBelow)
    {
        var count = reader.MaxDoc < scoredTogetherBelow ? 1 : Math.Min(Environment.ProcessorCount, reader.Leaves.Count);
        var shares = Enumerable.Range(0, Math.Max(1, count)).Select(_ => new List<AtomicReaderContext>()).ToList();
        var sizes = new long[shares.Count];
        foreach (var segment in reader.Leaves.OrderByDescending(leaf => leaf.AtomicReader.MaxDoc))
        {
            var lightest = Array.IndexOf(sizes, sizes.Min());
            shares[lightest].Add(segment);
            sizes[lightest] += segment.AtomicReader.MaxDoc;
        }

        return shares;
    }
}
