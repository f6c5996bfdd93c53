namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// A collection's saved graphs, searched together. The last graph grows until it covers <paramref name="sealAt"/>
/// keys; then a new one starts, so a save rewrites one bounded file and never the whole collection. Each graph holds
/// a distinct vector once and its copies beside it (<see cref="DistinctGraph"/>). Apart from saves, sealed graphs are
/// merged into larger ones (<see cref="MergeOnce"/>) and graphs saved before copies were kept apart are made again
/// (<see cref="RemakeOnce"/>). Searches read the set as it stood when they began; a save, a merge or a remake swaps
/// in its new graph when it is whole.
/// </summary>
/// <param name="blocksOf">The stored vectors of a range of keys, read from the rows: what a graph grown, merged or made again holds.</param>
/// <param name="sealAt">Keys a graph covers at most while it grows (<see cref="SealAt"/> unless a test asks for smaller graphs).</param>
/// <param name="mergeUpTo">Keys a graph made by merging sealed ones covers at most (<see cref="MergeUpTo"/> unless a test asks for fewer).</param>
public sealed class GraphSet(
    string folder, int dimensions, List<GraphSegment> opened, VectorBlocks blocksOf, int sealAt = GraphSet.SealAt, int mergeUpTo = GraphSet.MergeUpTo) : IDisposable
{
    /// <summary>Keys a graph covers at most by default: about 280 MB of file when its vectors are distinct and of 384 dimensions, read whole when it grows.</summary>
    public const int SealAt = 1 << 19;

    /// <summary>
    /// Keys a graph made by merging covers at most: about 1.1 GB of file for 384 dimensions, read whole into memory
    /// for its last merge. A search walks every graph, so a few large graphs answer far sooner than many small ones;
    /// larger still would cost each vector one more merge, and the writer twice the memory while it merges.
    /// </summary>
    public const int MergeUpTo = 1 << 21;

    /// <summary>Asked of each graph beyond its share, so a graph holding a few of the best by chance gives them at once.</summary>
    private const int ExtraShare = 8;

    /// <summary>
    /// Searches hold it to read, a save to swap a graph in and close the one it replaces: a graph is closed only once
    /// no search is inside it.
    /// </summary>
    private readonly ReaderWriterLockSlim inUse = new();
    private List<GraphSegment> segments = opened;

    /// <summary>The highest key any graph covers, 0 when there is none.</summary>
    public long LastCoveredKey
    {
        get
        {
            var all = Segments;
            return all.Count == 0 ? 0 : all.Max(s => s.LastKey);
        }
    }

    /// <summary>Keys the graph that grows covers, 0 when the last is full or there is none.</summary>
    public long GrowingSpan => Growing(Segments)?.Span ?? 0;

    /// <summary>The graphs as they stand; one may be closed by a save at any moment after, so only <see cref="Nearest"/> searches them.</summary>
    public IReadOnlyList<GraphSegment> Segments
    {
        get
        {
            inUse.EnterReadLock();
            try
            {
                return [.. segments];
            }
            finally
            {
                inUse.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// The <paramref name="count"/> keys nearest to <paramref name="query"/> across the graphs, best first, with their
    /// similarity as the graphs measure it. Each graph is first asked for its share of <paramref name="count"/> (twice
    /// its part of the vectors, and a few more), all graphs at once; a graph that gave its whole share while its
    /// weakest hit still ranks among the best <paramref name="count"/> may hold more that rank, so it is asked again
    /// for more until it does not. A search then walks each graph about as far as the answer needs, rather than every
    /// graph as far as the whole answer. Each node found comes with the copies its graph keeps of it. <c>More</c>
    /// says whether asking for more could find more: some graph gave all that was asked, or was asked for all it holds
    /// and gave fewer (a walk can miss a few nodes of a small graph, which the caller then reads exactly). A large
    /// graph that gives fewer than asked has nothing near enough to give.
    /// </summary>
    public (List<GraphHit> Found, bool More) Nearest(ReadOnlySpan<float> query, int count)
    {
        var asked = query.ToArray();
        inUse.EnterReadLock();
        try
        {
            var all = segments;
            var total = Math.Max(1, all.Sum(s => s.Count));
            var shares = all.Select(s => (int)Math.Min(count, (2L * count * s.Count / total) + ExtraShare)).ToArray();
            var hits = new List<(ulong Key, float Similarity)>[all.Count];
            var due = Enumerable.Range(0, all.Count).ToList();
            List<(long Key, float Similarity, GraphSegment In)> found;
            while (true)
            {
                Parallel.ForEach(due, i => hits[i] = all[i].Graph.Search(asked, shares[i]));
                found = [.. hits.SelectMany((h, i) => h.Select(hit => ((long)hit.Key, hit.Similarity, all[i]))).OrderByDescending(h => h.Similarity)];
                var weakestKept = found.Count >= count ? found[count - 1].Similarity : float.NegativeInfinity;
                due = [.. due.Where(i => hits[i].Count == shares[i] && shares[i] < count && hits[i][^1].Similarity >= weakestKept)];
                if (due.Count == 0)
                {
                    break;
                }

                due.ForEach(i => shares[i] = Math.Min(count, shares[i] * 4));
            }

            var more = Enumerable.Range(0, all.Count).Any(i =>
                hits[i].Count == shares[i] || (shares[i] >= all[i].Count && hits[i].Count < all[i].Count));
            // Copies are read while the graphs are held open: a save may close them once this returns.
            return ([.. found.Take(count).Select(f => new GraphHit(f.Key, f.Similarity, f.In.Copies is { } copies ? copies.Of(f.Key).ToArray() : []))], more);
        }
        finally
        {
            inUse.ExitReadLock();
        }
    }

    /// <summary>
    /// Saves <paramref name="vectors"/> into graphs: those in <paramref name="gap"/>, a range no graph covers below
    /// the last, as one graph of that range; those past every graph into the growing graph and new ones after it.
    /// </summary>
    /// <param name="vectors">Every stored vector of the range it brings, in key order.</param>
    public void Add(IReadOnlyList<(long Key, float[] Vector)> vectors, (long First, long Last)? gap, CancellationToken cancellationToken)
    {
        if (gap is { } range)
        {
            Save(range.First, range.Last, null, [.. vectors], cancellationToken);
            return;
        }

        for (var start = 0; start < vectors.Count;)
        {
            var all = Segments;
            var last = all.Count > 0 ? all[^1] : null;
            var growing = Growing(all);
            var room = sealAt - (int)(growing?.Span ?? 0);
            var part = vectors.Skip(start).Take(room).ToList();
            Save(growing?.FirstKey ?? (last?.LastKey ?? 0) + 1, part[^1].Key, growing, part, cancellationToken);
            start += part.Count;
        }
    }

    /// <summary>
    /// Merges the first two neighbouring graphs that are sealed, of like span (the later more than half the earlier)
    /// and together within the merged span: the earlier is read into memory, the later one's vectors are added to it,
    /// and the whole is saved under both ranges before the two are closed and removed. Like spans keep the work
    /// bounded: each vector is added again about once for each doubling from the sealed span to the merged one. A kill
    /// at any point leaves the pair, or the merged graph beside them, which <see cref="GraphFolder"/> keeps instead.
    /// </summary>
    /// <returns>Whether two graphs were merged.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the pair stays as it was.</exception>
    public bool MergeOnce(CancellationToken cancellationToken)
    {
        var all = Segments;
        var pair = Enumerable.Range(0, Math.Max(0, all.Count - 1))
            .Select(i => (Earlier: all[i], Later: all[i + 1]))
            .FirstOrDefault(p => p.Later.Span >= sealAt && p.Later.FirstKey == p.Earlier.LastKey + 1 &&
                                 p.Earlier.Span + p.Later.Span <= mergeUpTo && 2 * p.Later.Span > p.Earlier.Span);
        if (pair.Earlier is null)
        {
            return false;
        }

        var path = GraphSegment.PathFor(folder, pair.Earlier.FirstKey, pair.Later.LastKey);
        using (var graph = DistinctGraph.Continue(pair.Earlier, blocksOf, cancellationToken))
        {
            foreach (var block in blocksOf(pair.Later.FirstKey, pair.Later.LastKey))
            {
                graph.Add(block, cancellationToken);
            }

            graph.SaveWhole(path);
        }

        SwapIn(GraphSegment.Open(path), pair.Earlier, pair.Later);
        return true;
    }

    /// <summary>
    /// Makes the first sealed graph saved before copies were kept apart again from its vectors, each distinct one
    /// once, as an upgraded shelf's writer does in the background; one whose vectors are all distinct is saved again as
    /// it is, with no copies (<see cref="DistinctGraph.Continue"/>). The graph that grows is left to the saves
    /// (<see cref="RemakeGrowing"/>). A kill leaves the old graph, or the new one beside it, which is kept instead.
    /// </summary>
    /// <returns>Whether a graph was made again.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the graph stays as it was.</exception>
    public bool RemakeOnce(CancellationToken cancellationToken)
    {
        var all = Segments;
        var growing = Growing(all);
        var earlier = all.FirstOrDefault(s => s.Copies is null && s != growing);
        if (earlier is not null)
        {
            Remake(earlier, cancellationToken);
        }

        return earlier is not null;
    }

    /// <summary>
    /// Makes the graph that grows again when it was saved before copies were kept apart, as a save that adds to it
    /// does. Only the one who saves calls it: saves are the only other hand on that graph.
    /// </summary>
    public void RemakeGrowing(CancellationToken cancellationToken)
    {
        if (Growing(Segments) is { Copies: null } growing)
        {
            Remake(growing, cancellationToken);
        }
    }

    public void Dispose()
    {
        inUse.EnterWriteLock();
        try
        {
            segments.ForEach(s => s.Dispose());
            segments = [];
        }
        finally
        {
            inUse.ExitWriteLock();
        }

        inUse.Dispose();
    }

    private void Remake(GraphSegment earlier, CancellationToken cancellationToken)
    {
        var path = GraphSegment.PathFor(folder, earlier.FirstKey, earlier.LastKey);
        using (var graph = DistinctGraph.Continue(earlier, blocksOf, cancellationToken))
        {
            graph.SaveWhole(path);
        }

        SwapIn(GraphSegment.Open(path), earlier);
    }

    private void Save(long firstKey, long lastKey, GraphSegment? growing, List<(long Key, float[] Vector)> vectors, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = GraphSegment.PathFor(folder, firstKey, lastKey);
        using (var graph = growing is null ? DistinctGraph.Create(dimensions) : DistinctGraph.Continue(growing, blocksOf, cancellationToken))
        {
            graph.Add(vectors, cancellationToken);
            graph.SaveWhole(path);
        }

        SwapIn(GraphSegment.Open(path), growing is null ? [] : [growing]);
    }

    /// <summary>The graph saves add to: the last, while it covers fewer than <c>sealAt</c> keys.</summary>
    private GraphSegment? Growing(IReadOnlyList<GraphSegment> all) => all.Count > 0 && all[^1].Span < sealAt ? all[^1] : null;

    /// <summary>Puts <paramref name="saved"/> in the place of <paramref name="replaced"/>, then closes and removes them.</summary>
    private void SwapIn(GraphSegment saved, params GraphSegment[] replaced)
    {
        inUse.EnterWriteLock();
        try
        {
            // Waits for the searches inside the graphs replaced; those that begin after it search the new one.
            segments = [.. segments.Except(replaced).Append(saved).OrderBy(s => s.FirstKey)];
            Array.ForEach(replaced, r => r.Dispose());
        }
        finally
        {
            inUse.ExitWriteLock();
        }

        foreach (var old in replaced.Where(r => r.Path != saved.Path))
        {
            File.Delete(old.Path);
            File.Delete(GraphCopies.PathFor(old.Path));
        }
    }
}
