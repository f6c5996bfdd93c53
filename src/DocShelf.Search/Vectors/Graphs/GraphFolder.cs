namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// The saved graphs of one vector collection, a folder of them beside the store. They are derived: the store holds
/// every vector, so a graph that is missing or damaged only leaves its range to be searched exactly and rebuilt.
/// </summary>
public static class GraphFolder
{
    /// <summary>
    /// Maps every whole graph in <paramref name="folder"/> that ends at or before <paramref name="rowsUpTo"/>, the
    /// last key with a row to re-score from, in key order. A writer (<paramref name="tidy"/>) also removes what an
    /// interrupted save left: unfinished files, a graph whose range a later save widened, a graph past the rows,
    /// and a file that does not open.
    /// </summary>
    public static List<GraphSegment> Open(string folder, bool tidy, long rowsUpTo)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        if (tidy)
        {
            Array.ForEach(Directory.GetFiles(folder, "*.partial"), File.Delete);
        }

        var opened = new List<GraphSegment>();
        var ranges = Directory.GetFiles(folder)
            .Select(path => (Path: path, Range: GraphSegment.RangeOf(path)))
            .Where(f => f.Range is not null)
            .OrderBy(f => f.Range!.Value.First).ThenByDescending(f => f.Range!.Value.Last);
        foreach (var (path, range) in ranges)
        {
            var (first, last) = range!.Value;
            if ((opened.Count > 0 && opened[^1].LastKey >= first) || last > rowsUpTo)
            {
                Discard(path, tidy); // within the range of a later save, which holds all of it; or without rows
                continue;
            }

            try
            {
                opened.Add(new GraphSegment(first, last, path, VectorGraph.View(path)));
            }
            catch (VectorGraphException)
            {
                Discard(path, tidy);
            }
        }

        return opened;
    }

    /// <summary>The ranges of keys 1 to <paramref name="lastKey"/> that no segment covers, in order.</summary>
    public static List<(long First, long Last)> Gaps(IReadOnlyList<GraphSegment> segments, long lastKey)
    {
        var gaps = new List<(long, long)>();
        var next = 1L;
        foreach (var segment in segments)
        {
            if (segment.FirstKey > next)
            {
                gaps.Add((next, Math.Min(segment.FirstKey - 1, lastKey)));
            }

            next = Math.Max(next, segment.LastKey + 1);
        }

        if (next <= lastKey)
        {
            gaps.Add((next, lastKey));
        }

        return gaps;
    }

    private static void Discard(string path, bool tidy)
    {
        if (tidy)
        {
            File.Delete(path);
        }
    }
}
