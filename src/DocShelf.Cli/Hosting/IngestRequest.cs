namespace DocShelf.Cli.Hosting;

/// <summary>The files `docshelf ingest` names to a running service, by full path.</summary>
public sealed record IngestRequest(IReadOnlyList<string>? Paths);
