using DocShelf.Core.Queue;

namespace DocShelf.Search;

/// <summary>
/// The queue's changes of state. A file is acknowledged once it is queued; from then on a kill cannot lose it.
/// </summary>
public sealed partial class ShelfWriter
{
    /// <summary>
    /// Queues the version of <paramref name="path"/> with this size and modification time. A version already read
    /// (indexed or quarantined) or already waiting is left as it is, but no longer counts as missing. Returns whether
    /// the file was newly queued.
    /// </summary>
    public bool Enqueue(string path, long bytes, DateTime modifiedUtc) =>
        database.InTransaction(() =>
        {
            var entry = database.Files.FindById(path);
            if (entry is not null && entry.IsVersion(bytes, modifiedUtc))
            {
                if (entry.MissingSinceUtc is not null)
                {
                    database.Files.Update(entry with { MissingSinceUtc = null });
                }

                return false;
            }

            database.Files.Upsert(NewVersion(entry ?? new FileEntry { Id = path }, bytes, modifiedUtc) with { State = FileState.Queued });
            return true;
        });

    /// <summary>
    /// Marks this version of a file as being read and counts the attempt, before any work on it starts; a new
    /// version starts its count again.
    /// </summary>
    public FileEntry StartReading(string path, long bytes, DateTime modifiedUtc) =>
        database.InTransaction(() =>
        {
            var entry = database.Files.FindById(path);
            var version = entry is not null && entry.IsVersion(bytes, modifiedUtc)
                ? entry
                : NewVersion(entry ?? new FileEntry { Id = path }, bytes, modifiedUtc);
            var reading = version with { State = FileState.Processing, Attempts = version.Attempts + 1, UpdatedUtc = DateTime.UtcNow, MissingSinceUtc = null, Job = null };
            database.Files.Upsert(reading);
            return reading;
        });

    /// <summary>Queues a known file to be read again although its version is unchanged, because a rule it was read under changed.</summary>
    public void Reread(string path) =>
        database.InTransaction(() =>
        {
            if (database.Files.FindById(path) is { State: not (FileState.Queued or FileState.Processing) } entry)
            {
                database.Files.Update(entry with { State = FileState.Queued, Attempts = 0, UpdatedUtc = DateTime.UtcNow });
            }
        });

    /// <summary>Puts a file back in the queue without counting the attempt (a clean shutdown stopped it).</summary>
    public void Requeue(string path) =>
        database.InTransaction(() =>
        {
            if (database.Files.FindById(path) is { State: FileState.Processing } entry)
            {
                database.Files.Update(entry with { State = FileState.Queued, Attempts = Math.Max(0, entry.Attempts - 1), Job = null });
            }
        });

    /// <summary>
    /// After a kill, files left in processing go back to the queue. Returns those that have now been interrupted
    /// <paramref name="maxAttempts"/> times: the caller quarantines them, since they may be what kills the worker.
    /// </summary>
    /// <param name="keepHandedOut">
    /// Leaves files the broker confirmed as handed out to workers (<see cref="HandedOut.Confirmed"/>) as they are:
    /// their readings are on their way. Otherwise they are read again here, like any other.
    /// </param>
    public IReadOnlyList<FileEntry> RecoverInterrupted(int maxAttempts, bool keepHandedOut = false) =>
        database.InTransaction(() =>
        {
            var exhausted = new List<FileEntry>();
            foreach (var entry in database.Files.Find(f => f.State == FileState.Processing).ToList())
            {
                if (keepHandedOut && entry.Job is { Confirmed: true })
                {
                    continue;
                }

                if (entry.Attempts >= maxAttempts)
                {
                    exhausted.Add(entry);
                }

                database.Files.Update(entry with { State = FileState.Queued, Job = null });
            }

            return (IReadOnlyList<FileEntry>)exhausted;
        });

    /// <summary>
    /// Records that the file being read at <paramref name="path"/> is being sent to workers as <paramref name="job"/>,
    /// before any of it is sent. Returns false, recording nothing, when the path is no longer being read.
    /// </summary>
    public bool HandOut(string path, HandedOut job) =>
        database.InTransaction(() =>
        {
            if (database.Files.FindById(path) is not { State: FileState.Processing } entry)
            {
                return false;
            }

            database.Files.Update(entry with { Job = job, UpdatedUtc = DateTime.UtcNow });
            return true;
        });

    /// <summary>The broker holds the whole of the job: from here its result is awaited, across restarts, rather than sent again.</summary>
    /// <param name="parts">How many parts the file's bytes went in.</param>
    public void ConfirmHandOut(string path, string jobId, int parts) =>
        database.InTransaction(() =>
        {
            if (database.Files.FindById(path) is { Job: { } job } entry && job.JobId == jobId)
            {
                database.Files.Update(entry with { Job = job with { Confirmed = true, Parts = parts } });
            }
        });

    /// <summary>
    /// A job that was never wholly sent (the shelf stopped or the broker failed while sending) is withdrawn and its
    /// file queued again, without counting the attempt: the file did nothing wrong.
    /// </summary>
    public void Withdraw(string path, string jobId) =>
        database.InTransaction(() =>
        {
            if (database.Files.FindById(path) is { Job: { } job } entry && job.JobId == jobId)
            {
                database.Files.Update(entry with { State = FileState.Queued, Job = null, Attempts = Math.Max(0, entry.Attempts - 1) });
            }
        });

    /// <summary>Puts quarantined files back in the queue: one document's paths, or all of them.</summary>
    public IReadOnlyList<string> Retry(string? documentId) =>
        database.InTransaction(() =>
        {
            var entries = database.Files.Find(f => f.State == FileState.Quarantined)
                .Where(f => documentId is null || f.DocumentId == documentId)
                .ToList();
            foreach (var entry in entries)
            {
                database.Files.Update(entry with { State = FileState.Queued, Attempts = 0, Reason = null, UpdatedUtc = DateTime.UtcNow });
            }

            return (IReadOnlyList<string>)entries.Select(e => e.Id).ToList();
        });

    /// <summary>Notes that the file was found gone at <paramref name="since"/>, unless it was already; it leaves the shelf after a grace period.</summary>
    public void MarkMissing(string path, DateTime since) =>
        database.InTransaction(() =>
        {
            if (database.Files.FindById(path) is { MissingSinceUtc: null } entry)
            {
                database.Files.Update(entry with { MissingSinceUtc = since });
            }
        });

    private static FileEntry NewVersion(FileEntry entry, long bytes, DateTime modifiedUtc) => entry with
    {
        Bytes = bytes,
        ModifiedTicks = modifiedUtc.ToUniversalTime().Ticks,
        Attempts = 0,
        Reason = null,
        UpdatedUtc = DateTime.UtcNow,
        MissingSinceUtc = null,
    };
}
