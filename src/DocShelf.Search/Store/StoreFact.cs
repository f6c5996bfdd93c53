namespace DocShelf.Search.Store;

/// <summary>A fact about the store itself, such as the schema version it is written in or the stamp of its last change of content.</summary>
public sealed record StoreFact
{
    public string Id { get; init; } = "";

    public int Version { get; init; }

    public string? Stamp { get; init; }
}
