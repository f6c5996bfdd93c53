namespace DocShelf.Ingestion.Watching;

/// <summary>
/// Files seen changing, and since when each has looked the same. A file being copied keeps changing size or
/// modification time, so it is only taken once it has stood still for the settle period.
/// </summary>
public sealed class SettleTracker(TimeSpan settle)
{
    private readonly Dictionary<string, (long Bytes, DateTime Modified, DateTime Since)> files = new(StringComparer.Ordinal);

    public int Count => files.Count;

    public void Observe(string path, long bytes, DateTime modifiedUtc, DateTime now)
    {
        if (files.TryGetValue(path, out var seen) && seen.Bytes == bytes && seen.Modified == modifiedUtc)
        {
            return;
        }

        files[path] = (bytes, modifiedUtc, now);
    }

    public void Forget(string path) => files.Remove(path);

    /// <summary>
    /// Looks again at files that have stood still long enough and returns those still unchanged, removing them from
    /// the tracker; a file that changed meanwhile starts its settle period again, and a vanished one is dropped.
    /// </summary>
    public IReadOnlyList<(string Path, long Bytes, DateTime ModifiedUtc)> TakeStable(DateTime now)
    {
        var stable = new List<(string, long, DateTime)>();
        foreach (var (path, seen) in files.Where(f => now - f.Value.Since >= settle).ToList())
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                files.Remove(path);
            }
            else if (info.Length != seen.Bytes || info.LastWriteTimeUtc != seen.Modified)
            {
                files[path] = (info.Length, info.LastWriteTimeUtc, now);
            }
            else
            {
                files.Remove(path);
                stable.Add((path, seen.Bytes, seen.Modified));
            }
        }

        return stable;
    }
}
