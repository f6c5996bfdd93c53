namespace DocShelf.Search.Vectors;

/// <summary>
/// How many vectors a collection holds for one document, kept in the same transaction as the vectors themselves, so
/// seeing which documents still need vectors reads one small record per document instead of every vector.
/// </summary>
public sealed record DocumentTally
{
    /// <summary>The document id.</summary>
    public required string Id { get; init; }

    public int Vectors { get; init; }
}
