using DocShelf.Search;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Doctor;

/// <summary>
/// Whether other local users can read the shelf or its backups. DocShelf makes them owner-only; a shelf an older
/// DocShelf made, a folder made by hand, or a copy made with another umask may not be.
/// </summary>
public static class PrivacyChecks
{
    public static List<Finding> Run(string data, IReadOnlyList<string> backupFolders) =>
        [.. Shelf(data) is { } shelf ? [shelf] : Array.Empty<Finding>(), .. backupFolders.Select(Backups)];

    /// <summary>A data folder open to others exposes what it holds; an owner-only one hides it all, whatever the files' own modes.</summary>
    private static Finding? Shelf(string data)
    {
        if (!Directory.Exists(data))
        {
            return null;
        }

        if (!OwnerOnly.OpenToOthers(data))
        {
            return Finding.Ok("private shelf", $"{data} is its owner's alone (mode {OwnerOnly.Octal(data)})");
        }

        var readable = new[] { ShelfDatabase.FileName, "docshelf.json" }
            .Select(name => Path.Combine(data, name))
            .Where(path => File.Exists(path) && OwnerOnly.OpenToOthers(path))
            .Select(path => $"{Path.GetFileName(path)} (mode {OwnerOnly.Octal(path)})")
            .ToList();
        var exposed = readable.Count > 0 ? $"; other users can read {string.Join(" and ", readable)}" : "";
        return Finding.Problem("private shelf", $"{data} is open to other users (mode {OwnerOnly.Octal(data)}){exposed}",
            $"chmod -R go-rwx {data} (the service also closes the folder itself the next time it opens the shelf)");
    }

    private static Finding Backups(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return Finding.Problem("private backups", $"{folder} does not exist", "name the folder `docshelf backup` writes to");
        }

        var readable = Directory.EnumerateFiles(folder, "*.tar.gz").Where(OwnerOnly.OpenToOthers).Select(Path.GetFileName).ToList();
        if (readable.Count == 0)
        {
            return Finding.Ok("private backups", $"no backup in {folder} is open to other users");
        }

        // An archive holds the shelf's text and its settings, access token included.
        var shown = string.Join(", ", readable.Take(3)) + (readable.Count > 3 ? $" and {readable.Count - 3} more" : "");
        return Finding.Problem("private backups", $"{readable.Count} backups in {folder} can be read by other users: {shown}", $"chmod go-rwx {folder}/*.tar.gz");
    }
}
