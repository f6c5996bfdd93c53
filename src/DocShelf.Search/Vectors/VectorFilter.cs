namespace DocShelf.Search.Vectors;

/// <summary>
/// Which vectors a search may return: <see cref="Accept"/> decides for each, and <see cref="Document"/>, when the
/// search is within one document, lets the collection read that document's vectors alone instead of walking graphs
/// that hold every document's.
/// </summary>
public sealed record VectorFilter(Func<ChunkVector, bool> Accept, string? Document = null);
