namespace DocShelf.Search.Store;

public sealed record QuarantineItem(string DocumentId, string Path, string Reason);
