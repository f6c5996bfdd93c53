namespace DocShelf.Ingestion.Watching;

/// <summary>One reading worker as the service's status shows it, from the last heartbeat it sent.</summary>
public sealed record WorkerStatus
{
    public required string Name { get; init; }

    public DateTime LastContactUtc { get; init; }

    /// <summary>False once the worker has been silent for three heartbeats: stopped, killed or cut off.</summary>
    public bool Answering { get; init; }

    public int FilesRead { get; init; }

    public int PagesRead { get; init; }

    /// <summary>Pages read per minute since the worker started.</summary>
    public double PagesPerMinute { get; init; }

    /// <summary>The names of the files it is reading now, joined by commas; null when idle.</summary>
    public string? Reading { get; init; }

    /// <summary>Why it reads nothing for this shelf (another DocShelf release, embedding model or OCR languages); null when it reads.</summary>
    public string? Refused { get; init; }
}
