namespace DocShelf.Cli.Output;

public sealed record QuarantineItem(string DocumentId, string Path, string Reason);
