using DocShelf.Core.Queue;

namespace DocShelf.Search.Store;

/// <summary>
/// The durable work queue: every file DocShelf has taken, the version it took, and its state. A file is acknowledged
/// once it is queued here; from then on a kill cannot lose it.
/// </summary>
public sealed class FileQueue(ShelfDatabase database)
{
    public FileEntry? Find(string path) => database.Files.FindById(path);

    /// <summary>
    /// Queues the version of <paramref name="path"/> with this size and modification time. A version already read
    /// (indexed or quarantined) or already waiting is left as it is. Returns whether the file was newly queued.
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

            database.Files.Upsert((entry ?? new FileEntry { Id = path }) with
            {
                State = FileState.Queued,
                Bytes = bytes,
                ModifiedTicks = modifiedUtc.ToUniversalTime().Ticks,
                Attempts = 0,
                Reason = null,
                UpdatedUtc = DateTime.UtcNow,
                MissingSinceUtc = null,
            });
            return true;
        });

    /// <summary>The oldest queued files, leaving out those already in hand.</summary>
    /// <summary>Queues a known file to be read again although its version is unchanged, because a rule it was read under changed.</summary>
    public void Reread(string path) =>
        database.InTransaction(() =>
        {
            if (database.Files.FindById(path) is { State: not (FileState.Queued or FileState.Processing) } entry)
            {
                database.Files.Update(entry with { State = FileState.Queued, Attempts = 0, UpdatedUtc = DateTime.UtcNow });
            }
        });

    public IReadOnlyList<FileEntry> NextQueued(int count, IReadOnlySet<string> inHand) =>
        database.Files.Find(f => f.State == FileState.Queued)
            .Where(f => !inHand.Contains(f.Id))
            .OrderBy(f => f.UpdatedUtc)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    /// <summary>Marks a file as being read and counts the attempt, before any work on it starts.</summary>
    public FileEntry MarkProcessing(string path) =>
        database.InTransaction(() =>
        {
            var entry = database.Files.FindById(path) ?? new FileEntry { Id = path };
            var updated = entry with { State = FileState.Processing, Attempts = entry.Attempts + 1, UpdatedUtc = DateTime.UtcNow };
            database.Files.Upsert(updated);
            return updated;
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

    /// <summary>Notes that a rescan did not find the file; returns when it was first missed.</summary>
    public DateTime MarkMissing(string path, DateTime now) =>
        database.InTransaction(() =>
        {
            var entry = database.Files.FindById(path);
            if (entry is null)
            {
                return now;
            }

            if (entry.MissingSinceUtc is { } since)
            {
                return since;
            }

            database.Files.Update(entry with { MissingSinceUtc = now });
            return now;
        });

    /// <summary>Every known path inside <paramref name="folder"/>.</summary>
    public IReadOnlyList<FileEntry> EntriesUnder(string folder)
    {
        var prefix = folder.EndsWith('/') ? folder : folder + "/";
        return database.Files.Find(f => f.Id.StartsWith(prefix)).ToList();
    }

    /// <summary>Known files that a rescan or a deletion event found gone.</summary>
    public IReadOnlyList<FileEntry> Missing() => database.Files.Find(f => f.MissingSinceUtc != null).ToList();

    public IReadOnlyList<FileEntry> All() => database.Files.FindAll().ToList();

    public int CountQueued() => database.Files.Count(f => f.State == FileState.Queued);

    public IReadOnlyDictionary<FileState, int> CountByState() =>
        database.Files.FindAll().GroupBy(f => f.State).ToDictionary(g => g.Key, g => g.Count());
}
