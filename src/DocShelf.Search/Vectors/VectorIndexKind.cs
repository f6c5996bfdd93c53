namespace DocShelf.Search.Vectors;

/// <summary>How a vector collection's searches find its vectors.</summary>
public enum VectorIndexKind
{
    /// <summary>Through graphs of nearest neighbours, for the chunks: a search looks across the whole shelf.</summary>
    Graphs,

    /// <summary>
    /// By the chunk each vector belongs to (its key's part before '#'), for the sentences: a search scores the
    /// sentences of the chunks it found, so no graph of every sentence is kept (<see cref="Groups.GroupTable"/>).
    /// </summary>
    Groups,
}
