using DocShelf.Core.Documents;

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

    /// <summary>The outcome of a file quarantined under <paramref name="record"/>, with its reason.</summary>
    public static FileOutcome Quarantined(string path, DocumentRecord record) =>
        new() { Path = path, Status = FileStatus.Quarantined, DocumentId = record.Id, Reason = record.Reason };
}
