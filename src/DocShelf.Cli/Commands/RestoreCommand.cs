using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DocShelf.Cli.Backup;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Output;
using DocShelf.Cli.Settings;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Commands;

/// <summary>
/// `docshelf restore FILE --data DIR`: a backup back into an empty data folder, once every file in it has been
/// checked against its manifest; then the shelf is opened, so it is ready (and upgraded, if an older DocShelf made it).
/// </summary>
public static class RestoreCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The backup to restore (made by docshelf backup)" };
        var command = new Command("restore", "Restore a backup into an empty data folder (--data), after checking every file in it") { file };
        command.SetAction((result, cancellationToken) => CommandGuard.Run(() =>
            Run(result.GetRequiredValue(file).FullName, CommonOptions.DataDirectory(result))));
        return command;
    }

    private static int Run(string file, string data)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"There is no backup at {file}.");
        }

        var created = !Directory.Exists(data);
        if (!created && Directory.EnumerateFileSystemEntries(data).Any())
        {
            throw new UsageException($"{data} is not empty. A backup is restored only into an empty folder: move the shelf there aside, or name another folder with --data.");
        }

        var clock = Stopwatch.StartNew();
        BackupManifest manifest;
        try
        {
            Directory.CreateDirectory(data);
            manifest = BackupArchive.Restore(file, data, TooNew, new ByteProgress("Checking and unpacking the backup", new FileInfo(file).Length));
        }
        catch when (created)
        {
            Directory.Delete(data, recursive: true);
            throw;
        }

        using (var shelf = ShelfComposition.OpenForWriting(data, SettingsLoader.Load(data)))
        {
            var counts = shelf.Store.Count();
            if (counts.IndexedDocuments != manifest.Documents || counts.Chunks != manifest.Chunks)
            {
                throw new BackupRefusedException($"the restored shelf in {data} holds {counts.IndexedDocuments} documents and {counts.Chunks} chunks, but the backup's manifest gives {manifest.Documents} and {manifest.Chunks}");
            }
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Restored {Plural.Of(manifest.Documents, "document")} ({Plural.Of(manifest.Chunks, "chunk")}, {Plural.Of(manifest.Pages, "page")}), backed up by DocShelf {manifest.DocShelfVersion} at {manifest.CreatedUtc:yyyy-MM-dd HH:mm} UTC, into {data} in {clock.Elapsed.TotalSeconds:0.0} s"));
        if (Environment.IsPrivilegedProcess)
        {
            Console.Out.WriteLine($"The restored files belong to root; if the service runs as its own user, give them to it: chown -R docshelf:docshelf {data}");
        }

        return ExitCodes.Ok;
    }

    private static string? TooNew(BackupManifest manifest) => manifest.Schema > ShelfDatabase.SchemaVersion
        ? $"the backup was made by DocShelf {manifest.DocShelfVersion}, whose store is in schema {manifest.Schema}; this DocShelf reads schemas up to {ShelfDatabase.SchemaVersion}, so restore it with {manifest.DocShelfVersion} or newer"
        : null;
}
