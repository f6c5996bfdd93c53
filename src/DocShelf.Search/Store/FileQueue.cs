using DocShelf.Core.Queue;

namespace DocShelf.Search.Store;

/// <summary>
/// The durable work queue, read: every file DocShelf has taken, the version it took, and its state. Its changes are
/// made by <see cref="ShelfWriter"/>.
/// </summary>
public sealed class FileQueue(ShelfDatabase database)
{
    public FileEntry? Find(string path) => database.Files.FindById(path);

    /// <summary>The oldest queued files, leaving out those already in hand.</summary>
    public IReadOnlyList<FileEntry> NextQueued(int count, IReadOnlySet<string> inHand) =>
        database.Files.Find(f => f.State == FileState.Queued)
            .Where(f => !inHand.Contains(f.Id))
            .OrderBy(f => f.UpdatedUtc)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    /// <summary>Every known path inside <paramref name="folder"/>.</summary>
    public IReadOnlyList<FileEntry> EntriesUnder(string folder)
    {
        var prefix = folder.EndsWith('/') ? folder : folder + "/";
        return database.Files.Find(f => f.Id.StartsWith(prefix)).ToList();
    }

    /// <summary>Known files that a rescan or a deletion event found gone.</summary>
    public IReadOnlyList<FileEntry> Missing() => database.Files.Find(f => f.MissingSinceUtc != null).ToList();

    /// <summary>The file handed out to workers as <paramref name="jobId"/>, or null when no file awaits that job any longer.</summary>
    public FileEntry? FindJob(string jobId) => database.Files.FindOne(f => f.Job!.JobId == jobId);

    /// <summary>Files handed out to workers, waiting for their readings.</summary>
    public IReadOnlyList<FileEntry> HandedOut() => database.Files.Find(f => f.State == FileState.Processing && f.Job != null).ToList();

    public IReadOnlyList<FileEntry> All() => database.Files.FindAll().ToList();

    public int CountQueued() => database.Files.Count(f => f.State == FileState.Queued);

    /// <summary>Files in each state, counted from the index on the state: no file's record is read.</summary>
    public IReadOnlyDictionary<FileState, int> CountByState() =>
        Enum.GetValues<FileState>().ToDictionary(state => state, state => database.Files.Count(f => f.State == state));
}
