namespace DocShelf.Search.Vectors;

/// <summary>A chunk's vector as LiteDB keeps it: the encoded bytes, not an array of numbers.</summary>
public sealed record StoredVector
{
    /// <summary>The chunk id.</summary>
    public required string Id { get; init; }

    public required string DocumentId { get; init; }

    public int Page { get; init; }

    public required byte[] Data { get; init; }
}
