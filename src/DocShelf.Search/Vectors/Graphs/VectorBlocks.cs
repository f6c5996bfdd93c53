namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// The vectors of keys <paramref name="first"/> to <paramref name="last"/> that are still stored, in key order, a
/// block at a time: what a graph is made or grown from.
/// </summary>
public delegate IEnumerable<IReadOnlyList<(long Key, float[] Vector)>> VectorBlocks(long first, long last);
