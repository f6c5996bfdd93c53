namespace DocShelf.Cli.Output;

/// <summary>The JSON shape of `text --json`.</summary>
public sealed record TextReport(string DocumentId, string Path, string? Title, string? Origin, IReadOnlyList<PageTextReport> Pages);
