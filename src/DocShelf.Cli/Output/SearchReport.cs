using DocShelf.Core.Search;

namespace DocShelf.Cli.Output;

/// <summary>The JSON shape of one query's results, alone or as one line of a batch.</summary>
public sealed record SearchReport(string Query, IReadOnlyList<SearchHit> Results);
