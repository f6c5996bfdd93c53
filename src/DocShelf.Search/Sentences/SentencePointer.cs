namespace DocShelf.Search.Sentences;

/// <summary>
/// Where one chunk's sentences stand in its model's sentence file. The store keeps one per chunk, so which entry is a
/// chunk's, and which documents have sentences, is decided here, in the same transactions as everything else.
/// </summary>
public sealed record SentencePointer
{
    /// <summary>The chunk id.</summary>
    public required string Id { get; init; }

    public required string DocumentId { get; init; }

    /// <summary>The entry's offset in the file.</summary>
    public long At { get; init; }

    /// <summary>How many sentence vectors the entry holds.</summary>
    public int Sentences { get; init; }
}
