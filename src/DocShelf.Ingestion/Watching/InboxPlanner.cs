using DocShelf.Core.Queue;

namespace DocShelf.Ingestion.Watching;

/// <summary>
/// The watcher's decisions, apart from the disk, the queue and the clock: it is told what was seen (file events,
/// walks, looks at single files, entries from the queue) and at what time, and <see cref="Decide"/> says what to do.
/// It decides when a file has settled and is queued, when a vanished file leaves the shelf, when to walk the inboxes
/// and how many queued files to start. <see cref="InboxWatcherService"/> feeds it and carries its decisions out.
/// </summary>
public sealed class InboxPlanner(WatchOptions options, int slots)
{
    private readonly SettleTracker settling = new(options.Settle);
    private readonly HashSet<string> reading = new(StringComparer.Ordinal);
    private readonly List<WatchDecision> pending = [];
    private bool queueMayHaveWork = true;
    private bool walkRequested = true;
    private DateTime nextWalk = DateTime.MinValue;
    private DateTime? missingCheck;

    public int Settling => settling.Count;

    /// <summary>Files being read now.</summary>
    public IReadOnlySet<string> Reading => reading;

    /// <summary>Whether anything is settling, being read or may be waiting in the queue.</summary>
    public bool Busy => settling.Count > 0 || reading.Count > 0 || queueMayHaveWork;

    /// <summary>How long the loop may sleep when no event wakes it.</summary>
    public TimeSpan NextWake => Busy || missingCheck is not null ? options.Tick : options.IdleTick;

    /// <summary>A file exists with this version; <paramref name="known"/> is its entry in the queue, if it has one.</summary>
    public void FileSeen(FileSighting file, FileEntry? known, DateTime now)
    {
        if (known is not null && known.IsVersion(file.Bytes, file.ModifiedUtc))
        {
            settling.Forget(file.Path);
            if (known.State == FileState.Indexed && file.IsLink)
            {
                Ask(new WatchDecision.Reread(file.Path)); // read before links were refused: reading it again refuses it
            }

            if (known.MissingSinceUtc is not null)
            {
                pending.Add(new WatchDecision.Queue(file.Path, file.Bytes, file.ModifiedUtc)); // it came back: clears the mark
            }

            return;
        }

        if (settling.TakeIfSettled(file, now))
        {
            Ask(new WatchDecision.Queue(file.Path, file.Bytes, file.ModifiedUtc));
        }
    }

    /// <summary>
    /// Nothing is at <paramref name="path"/> any more. <paramref name="known"/> are the queue's entries for it and,
    /// when it was a folder, for everything that was inside it.
    /// </summary>
    public void FileGone(string path, IReadOnlyList<FileEntry> known, DateTime now)
    {
        settling.Forget(path);
        foreach (var entry in known.Where(e => e.MissingSinceUtc is null))
        {
            settling.Forget(entry.Path);
            pending.Add(new WatchDecision.MarkMissing(entry.Path, now));
        }

        if (known.Count > 0)
        {
            missingCheck ??= now + options.DeleteGrace;
        }
    }

    /// <summary>A folder appeared or moved, or the file watcher lost events: only a walk finds what changed.</summary>
    public void WalkNeeded() => walkRequested = true;

    /// <summary>An inbox was walked: the wanted files found in it, and the queue's entries for everything under it.</summary>
    public void Walked(IEnumerable<FileSighting> files, IReadOnlyList<FileEntry> known, DateTime now)
    {
        var entries = known.ToDictionary(e => e.Path, StringComparer.Ordinal);
        foreach (var file in files)
        {
            FileSeen(file, entries.GetValueOrDefault(file.Path), now);
            entries.Remove(file.Path);
        }

        foreach (var entry in entries.Values)
        {
            if (entry.MissingSinceUtc is null)
            {
                pending.Add(new WatchDecision.MarkMissing(entry.Path, now));
            }

            ForgetIfGone(entry, entry.MissingSinceUtc ?? now, now);
        }
    }

    /// <summary>The files marked missing, each with what is at its path now (null when still nothing).</summary>
    public void MissingChecked(IEnumerable<(FileEntry Entry, FileSighting? File)> missing, DateTime now)
    {
        foreach (var (entry, file) in missing)
        {
            if (file is { } found)
            {
                FileSeen(found, entry, now); // back again: clears the mark, or settles as a new version
            }
            else
            {
                ForgetIfGone(entry, entry.MissingSinceUtc ?? now, now);
            }
        }
    }

    /// <summary>The answer to <see cref="WatchDecision.LookAgain"/>: the file as it is now, or null when it is gone or no longer wanted.</summary>
    public void Looked(string path, FileSighting? file, DateTime now)
    {
        if (file is { } found && settling.TakeIfSettled(found, now))
        {
            Ask(new WatchDecision.Queue(path, found.Bytes, found.ModifiedUtc));
        }
        else if (file is null)
        {
            settling.Forget(path);
        }
    }

    public void RetryRequested(string? documentId) => Ask(new WatchDecision.Retry(documentId));

    /// <summary>Files were queued from outside the inboxes (named to `docshelf ingest`): the queue has work.</summary>
    public void FilesQueued() => queueMayHaveWork = true;

    /// <summary>The answer to <see cref="WatchDecision.ReadQueued"/>: the files started, out of the number asked for.</summary>
    public void ReadingStarted(IReadOnlyList<string> paths, int asked)
    {
        reading.UnionWith(paths);
        queueMayHaveWork = paths.Count == asked;
    }

    public void ReadingFinished(string path)
    {
        reading.Remove(path);
        queueMayHaveWork = true;
    }

    /// <summary>
    /// What to do now: the decisions what was reported led to, then a look at missing files, a walk or a second look
    /// at settled files when one is due, and files to start when a reader is free. Answers to the asking decisions
    /// can lead to more; call again until it returns none.
    /// </summary>
    public IReadOnlyList<WatchDecision> Decide(DateTime now)
    {
        var decisions = new List<WatchDecision>(pending);
        pending.Clear();
        if (missingCheck <= now)
        {
            missingCheck = null;
            decisions.Add(new WatchDecision.CheckMissing());
        }

        if (walkRequested || now >= nextWalk)
        {
            walkRequested = false;
            nextWalk = now + options.Rescan;
            decisions.Add(new WatchDecision.Walk());
        }

        decisions.AddRange(settling.Due(now).Select(path => new WatchDecision.LookAgain(path)));
        var free = slots - reading.Count;
        if (free > 0 && queueMayHaveWork && !decisions.Any(d => d is WatchDecision.Walk or WatchDecision.CheckMissing or WatchDecision.LookAgain))
        {
            decisions.Add(new WatchDecision.ReadQueued(free));
        }

        return decisions;
    }

    /// <summary>
    /// A file missing for the grace period leaves the shelf, but only once nothing is waiting: a moved file must first
    /// be matched to its new path, or its document would leave with the old one and be read again.
    /// </summary>
    private void ForgetIfGone(FileEntry entry, DateTime missingSince, DateTime now)
    {
        var graceOver = now - missingSince >= options.DeleteGrace;
        if (!Busy && graceOver && entry.State != FileState.Processing)
        {
            if (!pending.Contains(new WatchDecision.Forget(entry.Path)))
            {
                pending.Add(new WatchDecision.Forget(entry.Path));
            }

            return;
        }

        // Look again when the grace period ends, or a little later while work is still going on.
        var lookAt = graceOver ? now + TimeSpan.FromSeconds(1) : missingSince + options.DeleteGrace;
        missingCheck = missingCheck is { } earlier && earlier < lookAt ? earlier : lookAt;
    }

    /// <summary>A decision that may give the queue work.</summary>
    private void Ask(WatchDecision decision)
    {
        pending.Add(decision);
        queueMayHaveWork = true;
    }
}
