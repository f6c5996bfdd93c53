namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// A graph being made or grown in memory that adds each distinct vector once, as a node, and keeps every other vector
/// with the same print (<see cref="VectorPrint"/>) as a copy of that node. A copy's nearest neighbours are its own
/// copies, at no distance: linked as nodes, the copies of one text take each other's links and become an island that
/// searches rarely enter or leave, so the best text's copies go unfound. Kept apart, a search that finds the node
/// finds them all.
/// </summary>
internal sealed class DistinctGraph : IDisposable
{
    private readonly VectorGraph graph;
    private readonly Dictionary<UInt128, long> nodes;
    private readonly List<(long Node, long Copy)> copies;

    private DistinctGraph(VectorGraph graph, Dictionary<UInt128, long> nodes, List<(long Node, long Copy)> copies) =>
        (this.graph, this.nodes, this.copies) = (graph, nodes, copies);

    /// <summary>An empty graph for vectors of <paramref name="dimensions"/>.</summary>
    public static DistinctGraph Create(int dimensions) => new(VectorGraph.Create(dimensions), [], []);

    /// <summary>
    /// A saved graph to grow, with its copies and the prints of its nodes, read from their vectors. A graph saved
    /// before copies were kept apart is taken as it is when no two of its vectors share a print, and made again from
    /// its vectors when some do, since it holds those copies as nodes.
    /// </summary>
    public static DistinctGraph Continue(GraphSegment segment, VectorBlocks blocksOf, CancellationToken cancellationToken)
    {
        var kept = segment.Copies?.All() ?? [];
        var copyKeys = kept.Select(c => c.Copy).ToHashSet();
        var prints = new Dictionary<UInt128, long>();
        var repeated = false;
        foreach (var block in blocksOf(segment.FirstKey, segment.LastKey))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Every key of the range still stored is a node or a copy; a node deleted since keeps its place in the graph
            // but gives no print, so a vector equal to it later is added as a node of its own.
            foreach (var (key, vector) in block.Where(v => !copyKeys.Contains(v.Key)))
            {
                repeated |= !prints.TryAdd(VectorPrint.Of(vector), key);
            }
        }

        return segment.Copies is null && repeated
            ? Remade(segment, blocksOf, cancellationToken)
            : new DistinctGraph(VectorGraph.Load(segment.Path), prints, kept);
    }

    private static DistinctGraph Remade(GraphSegment segment, VectorBlocks blocksOf, CancellationToken cancellationToken)
    {
        var remade = Create(segment.Graph.Dimensions);
        try
        {
            foreach (var block in blocksOf(segment.FirstKey, segment.LastKey))
            {
                remade.Add(block, cancellationToken);
            }

            return remade;
        }
        catch
        {
            remade.Dispose();
            throw;
        }
    }

    /// <summary>Adds each vector as a node, or as the copy of the node already holding its print.</summary>
    /// <param name="vectors">In key order, past every key the graph holds.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the graph is to be dropped.</exception>
    public void Add(IReadOnlyList<(long Key, float[] Vector)> vectors, CancellationToken cancellationToken)
    {
        var added = new List<(ulong Key, float[] Vector)>(vectors.Count);
        foreach (var (key, vector) in vectors)
        {
            var print = VectorPrint.Of(vector);
            if (nodes.TryGetValue(print, out var node))
            {
                copies.Add((node, key));
            }
            else
            {
                nodes.Add(print, key);
                added.Add(((ulong)key, vector));
            }
        }

        graph.AddAll(added, cancellationToken);
    }

    /// <summary>
    /// Saves the copies, then the graph, each whole or not at all: a graph is never opened without the copies
    /// written with it, and copies a kill left without their graph are removed by the next writer.
    /// </summary>
    public void SaveWhole(string path)
    {
        GraphCopies.SaveWhole(GraphCopies.PathFor(path), graph.Count, copies);
        graph.SaveWhole(path);
    }

    public void Dispose() => graph.Dispose();
}
