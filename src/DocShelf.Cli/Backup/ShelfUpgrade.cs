using System.Globalization;
using DocShelf.Search;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Backup;

/// <summary>
/// What happens when this DocShelf opens a shelf an older one wrote: a backup of it as it was, inside its data
/// folder, then the migrations in place. Each is said on standard error, which leaves command output untouched.
/// </summary>
public static class ShelfUpgrade
{
    public const string FolderName = "upgrade-backups";

    public static void IfNeeded(Shelf shelf)
    {
        if (shelf.Writer is not { NeedsMigration: true } writer)
        {
            return;
        }

        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = Path.Combine(shelf.DataDirectory, FolderName, $"before-{ShelfBackup.DocShelfVersion}-schema-{shelf.Schema}-{stamp}.tar.gz");
        Console.Error.WriteLine($"DocShelf {ShelfBackup.DocShelfVersion} upgrades this shelf's store from schema {shelf.Schema} to {ShelfDatabase.SchemaVersion}; backing it up first to {target}");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        ShelfBackup.Make(shelf, target);
        foreach (var step in writer.Migrate(progress => Console.Error.WriteLine($"  … {progress}")))
        {
            Console.Error.WriteLine($"  upgraded {step}");
        }

        Console.Error.WriteLine($"The shelf is upgraded. Keep {target} until the upgraded shelf has served well; `docshelf restore` brings it back.");
    }
}
