namespace DocShelf.Ingestion.Watching;

/// <summary>How the service watches its inboxes.</summary>
public sealed record WatchOptions
{
    /// <summary>Folders indexed in place; DocShelf never changes, moves or deletes anything in them.</summary>
    public IReadOnlyList<string> Inboxes { get; init; } = [];

    /// <summary>How long a file's size and modification time must stay the same before it is taken.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often every inbox is walked in full, to catch what the file watcher missed.</summary>
    public TimeSpan Rescan { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a vanished file keeps its place on the shelf, so a moved file is matched to its new path first.</summary>
    public TimeSpan DeleteGrace { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the loop wakes while files are settling or being read.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the loop wakes when there is nothing to do; file events wake it at once anyway.</summary>
    public TimeSpan IdleTick { get; init; } = TimeSpan.FromSeconds(5);
}
