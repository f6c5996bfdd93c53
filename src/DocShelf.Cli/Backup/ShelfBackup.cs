using DocShelf.Search;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Backup;

/// <summary>Makes a backup archive of a snapshot, described by the store inside it.</summary>
public static class ShelfBackup
{
    /// <summary>The release that writes the backups; restores and upgrades name it.</summary>
    public static string DocShelfVersion { get; } = typeof(ShelfBackup).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <param name="progress">Receives the bytes packed so far.</param>
    public static BackupManifest Pack(string snapshot, string target, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        int schema;
        ShelfCounts counts;
        using (var store = new ShelfDatabase(snapshot, readOnly: true))
        {
            schema = store.Schema;
            counts = new ShelfStore(store).Count();
        }

        return BackupArchive.Write(snapshot, target, files => new BackupManifest
        {
            Format = BackupManifest.CurrentFormat,
            DocShelfVersion = DocShelfVersion,
            Schema = schema,
            CreatedUtc = DateTime.UtcNow,
            Documents = counts.IndexedDocuments,
            Chunks = counts.Chunks,
            Pages = counts.Pages,
            Files = files,
        }, progress, cancellationToken);
    }

    /// <summary>Snapshots a shelf this process holds and packs it; the snapshot is deleted either way.</summary>
    public static BackupManifest Make(Shelf shelf, string target, IProgress<long>? progress = null)
    {
        var snapshot = ShelfSnapshot.Take(shelf).Folder;
        try
        {
            return Pack(snapshot, target, progress);
        }
        finally
        {
            ShelfSnapshot.Remove(snapshot);
        }
    }
}
