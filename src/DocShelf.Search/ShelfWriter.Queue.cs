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
            var reading = version with { State = FileState.Processing, Attempts = version.Attempts + 1, UpdatedUtc = DateTime.UtcNow, MissingSinceUtc = null };
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
                database.Files.Update(entry with { State = FileState.Queued, Attempts = Math.Max(0, entry.Attempts - 1) });
            }
        });

    /// <summary>
    /// After a kill, files left in processing go back to the queue. Returns those that have now been interrupted
    /// <paramref name="maxAttempts"/> times: the caller quarantines them, since they may be what kills the worker.
    /// </summary>
    public IReadOnlyList<FileEntry> RecoverInterrupted(int maxAttempts) =>
        database.InTransaction(() =>
        {
            var exhausted = new List<FileEntry>();
            foreach (var entry in database.Files.Find(f => f.State == FileState.Processing).ToList())
            {
                if (entry.Attempts >= maxAttempts)
                {
                    exhausted.Add(entry);
                }

                database.Files.Update(entry with { State = FileState.Queued });
            }

            return (IReadOnlyList<FileEntry>)exhausted;
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
