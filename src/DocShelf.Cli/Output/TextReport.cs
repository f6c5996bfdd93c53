namespace DocShelf.Cli.Output;

/// <summary>The JSON shape of `text --json`.</summary>
public sealed record TextReport(string DocumentId, string Path, IReadOnlyList<PageTextReport> Pages);
