using DocShelf.Search.Store;

namespace DocShelf.Ingestion.Watching;

/// <summary>What the running service is doing, published for `docshelf status` in other processes.</summary>
public sealed record ServiceStatus
{
    public int ProcessId { get; init; }

    public DateTime StartedUtc { get; init; }

    public DateTime UpdatedUtc { get; init; }

    public IReadOnlyList<string> Inboxes { get; init; } = [];

    /// <summary>The address of the search page and API, when the service hosts them.</summary>
    public string? WebUrl { get; init; }

    /// <summary>Files queued and not yet started.</summary>
    public int QueueDepth { get; init; }

    /// <summary>Files seen but still settling (being copied, or just arrived).</summary>
    public int Settling { get; init; }

    public IReadOnlyList<FileInProgress> InProgress { get; init; } = [];

    public double PagesPerMinute { get; init; }

    /// <summary>Seconds until the queue is empty at the recent pace; null when there is no pace yet.</summary>
    public double? EtaSeconds { get; init; }

    public int FilesDoneSinceStart { get; init; }

    /// <summary>The embedding model in use and its vectors still to make; null when search is lexical only.</summary>
    public Embedding.EmbeddingProgress? Embedding { get; init; }

    /// <summary>The reading workers, when files are read through a broker (`serve --queue`); null when the service reads them itself.</summary>
    public WorkersStatus? Workers { get; init; }

    /// <summary>The shelf's counts and quarantine list, refreshed every few seconds, since no other process may open the shelf while the service runs.</summary>
    public ShelfOverview? Shelf { get; init; }
}
