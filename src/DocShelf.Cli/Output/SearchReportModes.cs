using DocShelf.Core.Search;

namespace DocShelf.Cli.Output;

/// <summary>How the shelf can be searched now: the modes, the embedding model in use, and its vectors made and still to make.</summary>
public sealed record SearchReportModes(IReadOnlyList<SearchMode> Modes, string? EmbeddingModel, long Vectors, int? VectorsToMake);
