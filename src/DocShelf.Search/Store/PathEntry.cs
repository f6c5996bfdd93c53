namespace DocShelf.Search.Store;

/// <summary>Where a file was found, and which document (content) it holds. The path is the key.</summary>
public sealed record PathEntry
{
    public required string Id { get; init; }

    public required string DocumentId { get; init; }
}
