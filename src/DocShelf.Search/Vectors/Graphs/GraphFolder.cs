using System.Runtime.ExceptionServices;

namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// The saved graphs of one vector collection, a folder of them beside the store. They are derived: the store holds
/// every vector, so a graph that is missing or damaged only leaves its range to be searched exactly and rebuilt.
/// </summary>
public static class GraphFolder
{
    /// <summary>
    /// Maps every whole graph in <paramref name="folder"/> that ends at or before <paramref name="rowsUpTo"/>, the
    /// last key with a row to re-score from, in key order, each with its copies. A writer (<paramref name="tidy"/>)
    /// also removes what an interrupted save left: unfinished files, a graph whose range a later save widened, a graph
    /// past the rows, a graph that does not open or whose copies do not, and copies whose graph is gone.
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

        // A graph that keeps its copies apart is chosen before one of the same range that does not: the writer made it
        // again from that one and was stopped before removing it.
        var files = Directory.GetFiles(folder)
            .Select(path => (Path: path, Range: GraphSegment.RangeOf(path)))
            .Where(f => f.Range is not null)
            .Select(f => (f.Path, f.Range!.Value.First, f.Range!.Value.Last, f.Range!.Value.KeepsCopies))
            .OrderBy(f => f.First).ThenByDescending(f => f.Last).ThenByDescending(f => f.KeepsCopies)
            .Select(f => (f.Path, f.First, f.Last))
            .ToList();
        var viewed = new Dictionary<string, GraphSegment>(StringComparer.Ordinal);
        var damaged = new HashSet<string>(StringComparer.Ordinal);
        List<(string Path, long First, long Last)> chosen;
        do
        {
            chosen = Choose(files.Where(f => !damaged.Contains(f.Path)), rowsUpTo);
            ViewAll(chosen.Where(f => !viewed.ContainsKey(f.Path)).Select(f => f.Path).ToList(), viewed, damaged);
        }
        while (chosen.Any(f => damaged.Contains(f.Path)));

        foreach (var (path, _, _) in files.Where(f => !chosen.Contains(f)))
        {
            if (viewed.Remove(path, out var unused))
            {
                unused.Dispose();
            }

            Discard(path, tidy);
        }

        if (tidy)
        {
            var kept = chosen.Select(f => GraphCopies.PathFor(f.Path)).ToHashSet(StringComparer.Ordinal);
            Array.ForEach([.. Directory.GetFiles(folder, "*.copies").Where(path => !kept.Contains(path))], File.Delete);
        }

        return [.. chosen.Select(f => viewed[f.Path])];
    }

    /// <summary>
    /// Maps each of <paramref name="paths"/> and its copies into <paramref name="viewed"/>, or names it in
    /// <paramref name="damaged"/> when either does not open. Mapping reads every node's key into USearch's table of
    /// keys, most of the opening on a large shelf: side by side it took 0.56 s instead of 0.87 s for a million chunks'
    /// graphs. An error other than a damaged file closes every graph mapped so far and is thrown as it was.
    /// </summary>
    private static void ViewAll(List<string> paths, Dictionary<string, GraphSegment> viewed, HashSet<string> damaged)
    {
        try
        {
            Parallel.ForEach(paths, path =>
            {
                try
                {
                    var opened = GraphSegment.Open(path);
                    lock (viewed)
                    {
                        viewed.Add(path, opened);
                    }
                }
                catch (VectorGraphException)
                {
                    lock (damaged)
                    {
                        damaged.Add(path);
                    }
                }
            });
        }
        catch (AggregateException error)
        {
            foreach (var segment in viewed.Values)
            {
                segment.Dispose();
            }

            ExceptionDispatchInfo.Throw(error.InnerExceptions[0]);
        }
    }

    /// <summary>
    /// The files to open, in key order: the widest of those that start at one key, none within the range of one
    /// before it (a later save or merge holds all of it), and none past the rows.
    /// </summary>
    private static List<(string Path, long First, long Last)> Choose(IEnumerable<(string Path, long First, long Last)> files, long rowsUpTo)
    {
        var chosen = new List<(string Path, long First, long Last)>();
        foreach (var file in files)
        {
            if ((chosen.Count == 0 || chosen[^1].Last < file.First) && file.Last <= rowsUpTo)
            {
                chosen.Add(file);
            }
        }

        return chosen;
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

    /// <summary>
    /// Deletes every graph in <paramref name="folder"/>, with its copies and any unfinished file, and leaves the rest
    /// (the rows, a table): for a collection that no longer keeps graphs.
    /// </summary>
    public static void DeleteGraphs(string folder)
    {
        var graphFiles = Directory.GetFiles(folder)
            .Where(path => GraphSegment.RangeOf(path) is not null || Path.GetExtension(path) is ".copies" or ".partial");
        foreach (var path in graphFiles)
        {
            File.Delete(path);
        }
    }

    private static void Discard(string path, bool tidy)
    {
        if (tidy)
        {
            File.Delete(path);
            File.Delete(GraphCopies.PathFor(path));
        }
    }
}
