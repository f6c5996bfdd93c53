using System.Globalization;
using DocShelf.Cli.Settings;
using DocShelf.Models.Library;
using DocShelf.Search;
using DocShelf.Search.Snapshots;

namespace DocShelf.Cli.Backup;

/// <summary>
/// A consistent copy of a shelf, laid out as a data folder inside the shelf's own (for hard links): what
/// <see cref="ShelfWriter.Snapshot"/> takes (store, index, page images), the settings, and the imported models.
/// The process holding the shelf makes it; `docshelf backup` packs it into an archive and deletes it.
/// </summary>
public static class ShelfSnapshot
{
    public const string FolderName = "snapshots";

    /// <summary>A snapshot this old was left by a backup that stopped part-way.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromDays(1);

    public static SnapshotTaken Take(Shelf shelf)
    {
        var writer = shelf.Writer ?? throw new InvalidOperationException("A snapshot needs the shelf open for writing.");
        var root = Path.Combine(shelf.DataDirectory, FolderName);
        ClearAbandoned(root);
        var folder = Path.Combine(root, DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture));
        var paused = writer.Snapshot(folder);
        CopyIfThere(Path.Combine(shelf.DataDirectory, SettingsLoader.FileName), Path.Combine(folder, SettingsLoader.FileName));
        TakeModels(new ModelLibrary(shelf.DataDirectory).Folder, Path.Combine(folder, ModelLibrary.FolderName));
        return new SnapshotTaken(folder, paused.TotalMilliseconds);
    }

    /// <summary>Deletes a snapshot once packed, and the snapshots folder with the last one.</summary>
    public static void Remove(string folder)
    {
        Directory.Delete(folder, recursive: true);
        var root = Path.GetDirectoryName(folder)!;
        if (!Directory.EnumerateFileSystemEntries(root).Any())
        {
            Directory.Delete(root);
        }
    }

    /// <summary>Model folders never change once imported, so they are linked; the choice of model is copied.</summary>
    private static void TakeModels(string models, string target)
    {
        if (!Directory.Exists(models))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(models))
        {
            CopyIfThere(file, Path.Combine(target, Path.GetFileName(file)));
        }

        // A folder starting with '.' is an import still being checked, or the built-in model's compiled graphs,
        // which the restored shelf's first writer saves again.
        foreach (var model in Directory.EnumerateDirectories(models).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            FileLinks.LinkOrCopyTree(model, Path.Combine(target, Path.GetFileName(model)));
        }
    }

    private static void CopyIfThere(string source, string target)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    private static void ClearAbandoned(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(root).Where(f => DateTime.UtcNow - Directory.GetLastWriteTimeUtc(f) > Abandoned))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
