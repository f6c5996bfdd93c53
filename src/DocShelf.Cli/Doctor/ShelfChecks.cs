using DocShelf.Cli.Access;
using DocShelf.Cli.Backup;
using DocShelf.Cli.Settings;
using DocShelf.Search;
using DocShelf.Search.Footprint;
using DocShelf.Search.Lexical;
using DocShelf.Search.Store;
using DocShelf.Web.Security;

namespace DocShelf.Cli.Doctor;

/// <summary>The shelf's own health: room to grow, folders it may use, a store and index that agree, and the service that holds it.</summary>
public static class ShelfChecks
{
    /// <summary>What a page costs on disk before a shelf has pages to measure: a scan's own bytes, its text, words, index and vectors.</summary>
    private const long UsualBytesPerPage = 250 * 1024;

    /// <summary>Below this much free space, the shelf is about to stop growing.</summary>
    private const long LowSpace = 1L << 30;

    public static async Task<List<Finding>> RunAsync(string data, ShelfSettings settings, CancellationToken cancellationToken)
    {
        var (shelfFindings, footprint) = await HolderOrShelfAsync(data, settings, cancellationToken);
        List<Finding> found = [Disk(data, footprint), Writable("data folder", data, madeWhenMissing: true)];
        found.AddRange(settings.Inboxes.Select((inbox, i) => i == 0 ? Writable("upload inbox", inbox, madeWhenMissing: false) : Readable("inbox", inbox)));
        found.Add(Listen(settings));
        found.AddRange(shelfFindings);
        return found;
    }

    /// <param name="footprint">What the shelf's pages cost, when there is a shelf to measure.</param>
    private static Finding Disk(string data, ShelfFootprint? footprint)
    {
        // The file system the folder is on (statvfs of the path), or of its root before the folder is made.
        var free = new DriveInfo(Directory.Exists(data) ? data : Path.GetPathRoot(Path.GetFullPath(data)) ?? "/").AvailableFreeSpace;
        var perPage = footprint?.BytesPerPage is > 0 and var measured ? measured : UsualBytesPerPage;
        var basis = perPage == UsualBytesPerPage ? "a scan's usual cost" : "as this shelf's pages cost on average";
        var detail = $"{free / 1073741824.0:0.0} GB free, room for about {free / perPage:N0} more pages at {perPage / 1024:N0} KB a page, {basis}";
        return free < LowSpace
            ? Finding.Problem("disk", detail, "free space on the data folder's disk, or move the data folder (--data) to a larger one")
            : Finding.Ok("disk", detail);
    }

    /// <param name="madeWhenMissing">DocShelf makes this folder itself (the data folder), so its absence is only a note.</param>
    private static Finding Writable(string check, string folder, bool madeWhenMissing)
    {
        if (!Directory.Exists(folder))
        {
            return madeWhenMissing
                ? Finding.Warning(check, $"{folder} does not exist yet", "it is made by the first ingest or serve; or name another with --data")
                : Finding.Problem(check, $"{folder} does not exist", $"mkdir -p {folder}, or remove it from Inboxes in docshelf.json");
        }

        var probe = Path.Combine(folder, $".docshelf-doctor-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return Finding.Ok(check, $"{folder} can be written");
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            return Finding.Problem(check, $"{folder} cannot be written: {error.Message}", $"give the user DocShelf runs as write access to {folder} (see docs/operations.md)");
        }
    }

    private static Finding Readable(string check, string folder)
    {
        try
        {
            _ = Directory.EnumerateFileSystemEntries(folder).Take(1).ToList();
            return Finding.Ok(check, $"{folder} can be read");
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            return Finding.Problem(check, $"{folder} cannot be read: {error.Message}", $"mkdir -p {folder}, or give the user DocShelf runs as read access to it");
        }
    }

    private static Finding Listen(ShelfSettings settings)
    {
        try
        {
            var address = ListenAddress.Parse(settings.Listen);
            address.RequireTokenUnlessLoopback(settings.AccessToken);
            return Finding.Ok("listen address", address.IsLoopback ? $"{address.Url}, this machine only" : $"{address.Url}, with an access token");
        }
        catch (Exception error) when (error is FormatException or InvalidOperationException)
        {
            return Finding.Problem("listen address", error.Message, "set Listen to 127.0.0.1:8470, or set AccessToken before listening beyond this machine");
        }
    }

    /// <summary>A running holder is asked how it is; with none, the shelf is opened here and its store and index compared.</summary>
    private static async Task<(List<Finding> Findings, ShelfFootprint? Footprint)> HolderOrShelfAsync(string data, ShelfSettings settings, CancellationToken cancellationToken)
    {
        using (var holder = ShelfSocket.Connect(data, settings.AccessToken, TimeSpan.FromSeconds(10)))
        {
            if (holder is not null)
            {
                using var access = new ServiceShelfAccess(holder);
                var status = await access.StatusAsync(cancellationToken, footprint: true);
                return (
                [
                    Finding.Ok("service", status.Service is { } service ? $"process {service.ProcessId} holds the shelf and answers; the page is at {service.WebUrl}" : "a process holds the shelf and answers"),
                    Finding.Ok("store and index", "checked by the process holding the shelf, which reconciles them whenever it opens it"),
                ], status.Footprint);
            }
        }

        if (!File.Exists(Path.Combine(data, "shelf.db")))
        {
            return ([Finding.Warning("service", "no shelf here yet, and no service", "systemctl start docshelf where install.sh put the unit; else docshelf serve --inbox FOLDER")], null);
        }

        return ShelfHere(data);
    }

    /// <summary>No process answers for the shelf, so it is opened here: its schema, and its store against its index.</summary>
    private static (List<Finding> Findings, ShelfFootprint? Footprint) ShelfHere(string data)
    {
        Shelf shelf;
        try
        {
            shelf = Shelf.OpenForReading(data, TimeSpan.FromSeconds(2));
        }
        catch (ShelfInUseException)
        {
            // Held but not answering yet: the holder is opening the shelf, which may mean reconciling or upgrading it.
            return ([Finding.Warning("service", "a DocShelf process holds the shelf but does not answer yet", "wait until it has opened the shelf (reconciling or upgrading it can take minutes), then run doctor again; journalctl -u docshelf says what it is doing")], null);
        }
        catch (ShelfTooNewException error)
        {
            return ([Finding.Problem("store schema", error.Message, "install the DocShelf that wrote this shelf, or a newer one (docs/operations.md, Upgrading)")], null);
        }

        using (shelf)
        {
            var drift = IndexDrift.Find(shelf.Store, shelf.Lexical);
            return (
            [
                Finding.Warning("service", "no DocShelf service holds this shelf", "start it: systemctl start docshelf, or docshelf serve"),
                Schema(shelf.Schema),
                drift.Count == 0
                    ? Finding.Ok("store and index", $"{shelf.Store.Count().IndexedDocuments} documents, each with all its chunks in the index")
                    : Finding.Problem("store and index", $"{drift.Count} documents differ between the store and the lexical index", "open the shelf for writing once (docshelf serve, or docshelf ingest of any file): it rebuilds what differs"),
            ], ShelfFootprint.Measure(shelf));
        }
    }

    private static Finding Schema(int schema) => schema == ShelfDatabase.SchemaVersion
        ? Finding.Ok("store schema", $"schema {schema}, the one this DocShelf writes")
        : Finding.Warning("store schema", $"schema {schema}, written by an older DocShelf", $"nothing to do: the next time the service or a writing command opens the shelf, it is backed up to {ShelfUpgrade.FolderName}/ and upgraded to schema {ShelfDatabase.SchemaVersion}");
}
