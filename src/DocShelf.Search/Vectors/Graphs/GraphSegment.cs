using System.Globalization;
using System.Text.RegularExpressions;

namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// One saved graph and the range of vector keys it covers: every vector the store held in that range when it was
/// saved is in it, as a node or as the copy of one (<see cref="Copies"/>). Keys are handed out in rising order and
/// never again, so no vector stored later falls in a range already saved; one deleted since stays in the graph until
/// the range is rebuilt, and searches skip it.
/// </summary>
/// <param name="Copies">
/// The vectors kept as copies of a node; null for a graph saved before copies were kept apart, which holds every
/// vector as a node (named <c>graph-…</c>, where such graphs are <c>distinct-…</c>), until the writer makes it again.
/// </param>
public sealed partial record GraphSegment(long FirstKey, long LastKey, string Path, VectorGraph Graph, GraphCopies? Copies) : IDisposable
{
    private const string Extension = ".usearch";

    /// <summary>Nodes in the graph: its distinct vectors.</summary>
    public long Count => Graph.Count;

    /// <summary>Keys the graph covers, as nodes, copies, or deleted before it was saved: what sizes it for saves and merges.</summary>
    public long Span => LastKey - FirstKey + 1;

    /// <summary>Where a graph of this range, its copies kept apart, is saved in <paramref name="folder"/>.</summary>
    public static string PathFor(string folder, long firstKey, long lastKey) => NameFor("distinct", folder, firstKey, lastKey);

    /// <summary>Where a graph of this range was saved by a DocShelf that kept every copy as a node.</summary>
    public static string EarlierPathFor(string folder, long firstKey, long lastKey) => NameFor("graph", folder, firstKey, lastKey);

    /// <summary>The range a segment file's name gives, and whether it keeps its copies apart; null for a file that is not a segment.</summary>
    public static (long First, long Last, bool KeepsCopies)? RangeOf(string path)
    {
        var match = SegmentName().Match(System.IO.Path.GetFileName(path));
        return match.Success
            ? (long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), match.Groups[1].Value == "distinct")
            : null;
    }

    /// <summary>
    /// The graph saved at <paramref name="path"/>, mapped with its copies (a graph saved before copies were kept apart
    /// has none).
    /// </summary>
    /// <exception cref="VectorGraphException">The graph or its copies are not whole, or the file is not named as a graph.</exception>
    public static GraphSegment Open(string path)
    {
        var (first, last, keepsCopies) = RangeOf(path) ?? throw new VectorGraphException($"{path} is not named as a vector graph.");
        var graph = VectorGraph.View(path);
        try
        {
            return new GraphSegment(first, last, path, graph, keepsCopies ? GraphCopies.Open(GraphCopies.PathFor(path), graph.Count) : null);
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    public bool Covers(long key) => key >= FirstKey && key <= LastKey;

    public void Dispose()
    {
        Graph.Dispose();
        Copies?.Dispose();
    }

    private static string NameFor(string kind, string folder, long firstKey, long lastKey) =>
        System.IO.Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{kind}-{firstKey:D12}-{lastKey:D12}{Extension}"));

    [GeneratedRegex(@"^(graph|distinct)-(\d{12})-(\d{12})\.usearch$")]
    private static partial Regex SegmentName();
}
