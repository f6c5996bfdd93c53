namespace DocShelf.Ingestion.Watching;

/// <summary>
/// What <see cref="InboxPlanner"/> asks to be done. The first three ask the disk or the queue something and are
/// answered by calling the planner back; the rest change the shelf or start reading.
/// </summary>
public abstract record WatchDecision
{
    private WatchDecision()
    {
    }

    /// <summary>Walk every inbox and report each with <see cref="InboxPlanner.Walked"/>.</summary>
    public sealed record Walk : WatchDecision;

    /// <summary>Look at every file marked missing and report with <see cref="InboxPlanner.MissingChecked"/>.</summary>
    public sealed record CheckMissing : WatchDecision;

    /// <summary>A file has stood still for the settle period: look at it once more and report with <see cref="InboxPlanner.Looked"/>.</summary>
    public sealed record LookAgain(string Path) : WatchDecision;

    /// <summary>Queue this version of the file (a version already known is only cleared of its missing mark).</summary>
    public sealed record Queue(string Path, long Bytes, DateTime ModifiedUtc) : WatchDecision;

    /// <summary>Read a known file again although its version is unchanged.</summary>
    public sealed record Reread(string Path) : WatchDecision;

    public sealed record MarkMissing(string Path, DateTime Since) : WatchDecision;

    /// <summary>The file is gone for good: take its path, and its document when no other path holds it, off the shelf.</summary>
    public sealed record Forget(string Path) : WatchDecision;

    /// <summary>Queue again the quarantined files of one document, or all of them when the id is null.</summary>
    public sealed record Retry(string? DocumentId) : WatchDecision;

    /// <summary>Start reading up to this many queued files, and report with <see cref="InboxPlanner.ReadingStarted"/>.</summary>
    public sealed record ReadQueued(int Slots) : WatchDecision;
}
