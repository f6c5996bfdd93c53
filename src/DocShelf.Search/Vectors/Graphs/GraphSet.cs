namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// A collection's saved graphs, searched together. The last graph grows until it holds <paramref name="sealAt"/>
/// vectors; then a new one starts, so a save rewrites one bounded file and never the whole collection. Sealed graphs
/// are merged into larger ones apart from saves (<see cref="MergeOnce"/>). Searches read the set as it stood when they
/// began; a save or a merge swaps in its new graph when it is whole.
/// </summary>
/// <param name="sealAt">Vectors a graph holds at most while it grows (<see cref="SealAt"/> unless a test asks for smaller graphs).</param>
/// <param name="mergeUpTo">Vectors a graph made by merging sealed ones holds at most (<see cref="MergeUpTo"/> unless a test asks for fewer).</param>
public sealed class GraphSet(string folder, int dimensions, List<GraphSegment> opened, int sealAt = GraphSet.SealAt, int mergeUpTo = GraphSet.MergeUpTo) : IDisposable
{
    /// <summary>Vectors a graph holds at most by default: about 280 MB of file for 384 dimensions, read whole when it grows.</summary>
    public const int SealAt = 1 << 19;

    /// <summary>
    /// Vectors a graph made by merging holds at most: about 1.1 GB of file for 384 dimensions, read whole into memory
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

    /// <summary>Vectors in the graph that grows, 0 when the last is full or there is none.</summary>
    public long GrowingCount
    {
        get
        {
            var all = Segments;
            return all.Count > 0 && all[^1].Count < sealAt ? all[^1].Count : 0;
        }
    }

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
    /// graph as far as the whole answer. <c>More</c> says whether asking for more could find more: some graph gave
    /// all that was asked, or was asked for all it holds and gave fewer (a walk can miss a few nodes of a small graph,
    /// which the caller then reads exactly). A large graph that gives fewer than asked has nothing near enough to give.
    /// </summary>
    public (List<(long Key, float Similarity)> Found, bool More) Nearest(ReadOnlySpan<float> query, int count)
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
            List<(long Key, float Similarity)> found;
            while (true)
            {
                Parallel.ForEach(due, i => hits[i] = all[i].Graph.Search(asked, shares[i]));
                found = [.. hits.SelectMany(h => h).OrderByDescending(h => h.Similarity).Select(h => ((long)h.Key, h.Similarity))];
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
            return ([.. found.Take(count)], more);
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
            var growing = last is not null && last.Count < sealAt ? last : null;
            var room = sealAt - (int)(growing?.Count ?? 0);
            var part = vectors.Skip(start).Take(room).ToList();
            Save(growing?.FirstKey ?? (last?.LastKey ?? 0) + 1, part[^1].Key, growing, part, cancellationToken);
            start += part.Count;
        }
    }

    /// <summary>
    /// Merges the first two neighbouring graphs that are sealed, of like size (the later more than half the earlier)
    /// and together within the merged size: the earlier is read into memory, the later one's vectors are added to it,
    /// and the whole is saved under both ranges before the two are closed and removed. Like sizes keep the work
    /// bounded: each vector is added again about once for each doubling from the sealed size to the merged one. A kill
    /// at any point leaves the pair, or the merged graph beside them, which <see cref="GraphFolder"/> keeps instead.
    /// </summary>
    /// <param name="blocksOf">The vectors to add for a key range, in key order, a block at a time.</param>
    /// <returns>Whether two graphs were merged.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the pair stays as it was.</exception>
    public bool MergeOnce(Func<long, long, IEnumerable<IReadOnlyList<(long Key, float[] Vector)>>> blocksOf, CancellationToken cancellationToken)
    {
        var all = Segments;
        var pair = Enumerable.Range(0, Math.Max(0, all.Count - 1))
            .Select(i => (Earlier: all[i], Later: all[i + 1]))
            .FirstOrDefault(p => p.Later.Count >= sealAt && p.Later.FirstKey == p.Earlier.LastKey + 1 &&
                                 p.Earlier.Count + p.Later.Count <= mergeUpTo && 2 * p.Later.Count > p.Earlier.Count);
        if (pair.Earlier is null)
        {
            return false;
        }

        var path = GraphSegment.PathFor(folder, pair.Earlier.FirstKey, pair.Later.LastKey);
        using (var graph = VectorGraph.Load(pair.Earlier.Path))
        {
            foreach (var block in blocksOf(pair.Later.FirstKey, pair.Later.LastKey))
            {
                graph.AddAll([.. block.Select(v => ((ulong)v.Key, v.Vector))], cancellationToken);
            }

            graph.SaveWhole(path);
        }

        var merged = new GraphSegment(pair.Earlier.FirstKey, pair.Later.LastKey, path, VectorGraph.View(path));
        inUse.EnterWriteLock();
        try
        {
            // Waits for the searches inside the pair; those that begin after it search the merged graph.
            segments = [.. segments.Where(s => s != pair.Earlier && s != pair.Later).Append(merged).OrderBy(s => s.FirstKey)];
            pair.Earlier.Dispose();
            pair.Later.Dispose();
        }
        finally
        {
            inUse.ExitWriteLock();
        }

        File.Delete(pair.Earlier.Path);
        File.Delete(pair.Later.Path);
        return true;
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

    private void Save(long firstKey, long lastKey, GraphSegment? growing, List<(long Key, float[] Vector)> vectors, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = GraphSegment.PathFor(folder, firstKey, lastKey);
        using (var graph = growing is null ? VectorGraph.Create(dimensions) : VectorGraph.Load(growing.Path))
        {
            graph.AddAll([.. vectors.Select(v => ((ulong)v.Key, v.Vector))], cancellationToken);
            graph.SaveWhole(path);
        }

        var saved = new GraphSegment(firstKey, lastKey, path, VectorGraph.View(path));
        inUse.EnterWriteLock();
        try
        {
            // Waits for the searches inside the old graph; those that begin after it search the new one.
            segments = [.. segments.Where(s => s != growing).Append(saved).OrderBy(s => s.FirstKey)];
            growing?.Dispose();
        }
        finally
        {
            inUse.ExitWriteLock();
        }

        if (growing is not null)
        {
            File.Delete(growing.Path);
        }
    }
}
