namespace DocShelf.Ingestion.Watching;

/// <summary>
/// Files seen changing, and since when each has looked the same. A file being copied keeps changing size or
/// modification time, so it is only taken once it has stood still for the settle period.
/// </summary>
public sealed class SettleTracker(TimeSpan settle)
{
    private readonly Dictionary<string, (long Bytes, DateTime Modified, DateTime Since)> files = new(StringComparer.Ordinal);

    public int Count => files.Count;

    /// <summary>Files whose settle period has passed since they were last seen changing.</summary>
    public IReadOnlyList<string> Due(DateTime now) => [.. files.Where(f => now - f.Value.Since >= settle).Select(f => f.Key)];

    /// <summary>
    /// Whether the file has stood still for the settle period in this version; if so it leaves the tracker. A new
    /// file, or a version not seen before, starts its settle period now.
    /// </summary>
    public bool TakeIfSettled(FileSighting file, DateTime now)
    {
        if (files.TryGetValue(file.Path, out var seen) && seen.Bytes == file.Bytes && seen.Modified == file.ModifiedUtc)
        {
            if (now - seen.Since < settle)
            {
                return false;
            }

            files.Remove(file.Path);
            return true;
        }

        files[file.Path] = (file.Bytes, file.ModifiedUtc, now);
        return false;
    }

    public void Forget(string path) => files.Remove(path);
}
