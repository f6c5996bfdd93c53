namespace DocShelf.Core.Queue;

/// <summary>
/// One path DocShelf knows, with the version of the file it last took (size and modification time) and what became
/// of it. Kept in the store, so the queue survives restarts and kills.
/// </summary>
public sealed record FileEntry
{
    /// <summary>The file's full path.</summary>
    public required string Id { get; init; }

    public FileState State { get; init; }

    /// <summary>The content this path holds on the shelf, once it has been read.</summary>
    public string? DocumentId { get; init; }

    /// <summary>Times processing started for this version; a file that keeps killing the worker is quarantined.</summary>
    public int Attempts { get; init; }

    public string? Reason { get; init; }

    public long Bytes { get; init; }

    /// <summary>The file's modification time in UTC ticks: exact, where a stored date would lose precision.</summary>
    public long ModifiedTicks { get; init; }

    public DateTime UpdatedUtc { get; init; }

    /// <summary>When a rescan first missed the file; it leaves the shelf after a grace period.</summary>
    public DateTime? MissingSinceUtc { get; init; }

    /// <summary>While the file is being read by workers through the broker: the job it was sent as; null otherwise.</summary>
    public HandedOut? Job { get; init; }

    public string Path => Id;

    /// <summary>Whether this entry describes the version of the file with this size and modification time.</summary>
    public bool IsVersion(long bytes, DateTime modifiedUtc) => Bytes == bytes && ModifiedTicks == modifiedUtc.ToUniversalTime().Ticks;
}
