namespace DocShelf.Search.Vectors.Graphs;

/// <summary>USearch refused a call: a damaged or foreign index file, or no memory for the graph.</summary>
public sealed class VectorGraphException(string message) : Exception(message);
