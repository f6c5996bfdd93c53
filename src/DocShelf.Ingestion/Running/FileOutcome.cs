namespace DocShelf.Ingestion.Running;

/// <summary>What happened to one file in a run.</summary>
public sealed record FileOutcome
{
    public required string Path { get; init; }

    public required FileStatus Status { get; init; }

    public string DocumentId { get; init; } = "";

    /// <summary>Why the file was quarantined.</summary>
    public string? Reason { get; init; }

    public int Pages { get; init; }

    public int OcrPages { get; init; }

    public int Chunks { get; init; }

    public TimeSpan Elapsed { get; init; }
}
