namespace DocShelf.Search.Vectors.Graphs;

/// <summary>A node a graph search found, its similarity as the graph measures it, and the copies its graph keeps of it, in key order.</summary>
public readonly record struct GraphHit(long Key, float Similarity, long[] Copies)
{
    /// <summary>The node, then its copies: the vectors it stands for.</summary>
    public IEnumerable<long> Keys => Copies.Length == 0 ? [Key] : Copies.Prepend(Key);
}
