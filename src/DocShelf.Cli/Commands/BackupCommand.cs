using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using DocShelf.Cli.Access;
using DocShelf.Cli.Backup;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Hosting;
using DocShelf.Cli.Output;
using DocShelf.Cli.Settings;
using DocShelf.Search.Store;
using DocShelf.Web.Security;

namespace DocShelf.Cli.Commands;

/// <summary>
/// `docshelf backup TARGET`: a consistent backup of the shelf while it is in use. The process holding the shelf (the
/// service) pauses its changes only while it takes a snapshot; this command packs the snapshot into the archive.
/// </summary>
public static class BackupCommand
{
    private const string NamePrefix = "docshelf-backup-";
    private const string NameSuffix = ".tar.gz";

    public static Command Create()
    {
        var target = new Argument<string>("target") { Description = "The backup file to write (.tar.gz), or a folder to write a dated one in (made when named with a trailing /)" };
        var keep = new Option<int?>("--keep") { Description = "With a folder: then delete all but the newest N backups there" };
        var command = new Command("backup", "Back up the shelf (store, index, page images, settings, imported models) while the service runs") { target, keep };
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(() =>
            RunAsync(CommonOptions.DataDirectory(result), result.GetRequiredValue(target), result.GetValue(keep), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string data, string target, int? keep, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(data, ShelfDatabase.FileName)))
        {
            throw new UsageException($"There is no shelf in {data} to back up.");
        }

        var (file, folder) = Resolve(target, keep);
        var clock = Stopwatch.StartNew();
        var (snapshot, paused) = await SnapshotAsync(data, cancellationToken);
        BackupManifest manifest;
        try
        {
            var size = Directory.EnumerateFiles(snapshot, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            manifest = ShelfBackup.Pack(snapshot, file, new ByteProgress("Packing the backup", size), cancellationToken);
        }
        finally
        {
            ShelfSnapshot.Remove(snapshot);
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Backed up {Plural.Of(manifest.Documents, "document")} ({Plural.Of(manifest.Chunks, "chunk")}, {Plural.Of(manifest.Pages, "page")}) to {file}: {ByteProgress.Megabytes(new FileInfo(file).Length)} in {clock.Elapsed.TotalSeconds:0.0} s; the shelf's changes waited {paused / 1000:0.00} s"));
        if (folder is not null && keep is { } newest)
        {
            Prune(folder, newest);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The file to write, and the folder it is in when a folder was named.</summary>
    private static (string File, string? Folder) Resolve(string target, int? keep)
    {
        var full = Path.GetFullPath(target);
        if (Directory.Exists(full) || target.EndsWith('/'))
        {
            Directory.CreateDirectory(full); // a folder named with a trailing slash is made, owner-only like all DocShelf writes
            if (keep is < 1)
            {
                throw new UsageException("--keep must keep at least one backup.");
            }

            var name = NamePrefix + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + NameSuffix;
            return (Path.Combine(full, name), full);
        }

        if (keep is not null)
        {
            throw new UsageException("--keep applies to a folder of backups; name a folder, not a file.");
        }

        if (File.Exists(full))
        {
            throw new UsageException($"{full} already exists; name another file, or a folder to write a dated backup in.");
        }

        return (full, null);
    }

    /// <summary>The holder of the shelf makes the snapshot; with none, this process opens the shelf and makes it.</summary>
    private static async Task<SnapshotTaken> SnapshotAsync(string data, CancellationToken cancellationToken)
    {
        var settings = SettingsLoader.Load(data);
        using (var holder = ShelfSocket.Connect(data, settings.AccessToken, TimeSpan.FromMinutes(10)))
        {
            if (holder is not null)
            {
                var reply = await new ServiceShelfAccess(holder).PostAsync<SnapshotTaken>(SnapshotEndpoint.Route, body: null, "the snapshot for the backup", cancellationToken);
                // The folder is deleted once packed, so it must be one of the shelf's snapshots and nothing else.
                var snapshots = Path.Combine(data, ShelfSnapshot.FolderName) + Path.DirectorySeparatorChar;
                return reply is { Folder: { } folder } && Path.GetFullPath(folder).StartsWith(snapshots, StringComparison.Ordinal)
                    ? reply
                    : throw new ServiceRefusedException("The DocShelf service answered without a snapshot in the shelf's snapshots folder.");
            }
        }

        using var shelf = ShelfComposition.OpenForWriting(data, settings);
        return ShelfSnapshot.Take(shelf);
    }

    /// <summary>
    /// Deletes all but the newest <paramref name="keep"/> backups this command wrote in <paramref name="folder"/>, and
    /// any part of one that a stopped backup left over a day ago.
    /// </summary>
    private static void Prune(string folder, int keep)
    {
        // The names hold the time in UTC, so they sort by age.
        var old = Directory.EnumerateFiles(folder, NamePrefix + "*" + NameSuffix).Order(StringComparer.Ordinal).SkipLast(keep);
        var abandoned = Directory.EnumerateFiles(folder, NamePrefix + "*" + NameSuffix + ".part")
            .Where(part => DateTime.UtcNow - File.GetLastWriteTimeUtc(part) > TimeSpan.FromDays(1));
        foreach (var file in old.Concat(abandoned).ToList())
        {
            File.Delete(file);
            Console.Out.WriteLine($"Deleted the older backup {file}");
        }
    }
}
