namespace DocShelf.Search.Store;

/// <summary>A quarantined file: why it could not be read, and what the tool that failed said (null when nothing).</summary>
public sealed record QuarantineItem(string DocumentId, string Path, string Reason, string? Detail = null);
