using System.Security.Cryptography;
using System.Text.Json;
using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Models.Library;
using DocShelf.Search;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Tests;

/// <summary>`docshelf backup` beside a running service, and `docshelf restore` of what it wrote.</summary>
public sealed class BackupTests : IDisposable
{
    private static readonly string[] Queries = ["Quillbrook ferry", "council minutes drainage", "breakwater lamp"];

    private readonly TempFolder folder = new();

    [Fact]
    public async Task A_backup_taken_while_the_service_reads_files_is_whole_and_restored_elsewhere_answers_the_same_searches()
    {
        var inbox = folder.Folder("inbox");
        await File.WriteAllTextAsync(Path.Combine(inbox, "a-ferry.txt"), "The Quillbrook ferry leaves the north slip at seven.");
        File.Copy(Path.Combine(RepositoryPaths.Root, "sample-docs", "harbour-commission-report-1894.pdf"), Path.Combine(inbox, "b-harbour.pdf"));
        var scan = Path.Combine(RepositoryPaths.Root, "sample-docs", "council-minutes-1911-scan.pdf");
        for (var copy = 1; copy <= 3; copy++)
        {
            // Four pages of OCR each, one page at a time: the service is still reading when the backup is taken.
            await File.WriteAllBytesAsync(Path.Combine(inbox, $"scan-{copy}.pdf"), [.. await File.ReadAllBytesAsync(scan), .. "%copy "u8, (byte)('0' + copy)]);
        }

        var data = folder.File("data");
        using var service = ServiceProcess.Start(data, inbox, "--parallel", "1");
        await Eventually.HoldsAsync(async () => await DocumentCountAsync(data) >= 2, "the service has read the first files", TimeSpan.FromMinutes(2));

        var during = await CliRunner.RunAsync(data, "backup", folder.File("during.tar.gz"));

        Assert.True(during.ExitCode == 0, during.ToString());
        var manifest = BackupEntries.Manifest(folder.File("during.tar.gz"));
        Assert.True(manifest.GetProperty("documents").GetInt32() < 5, "the service had read every file before the backup; the test proves nothing");
        Assert.False(Directory.Exists(Path.Combine(data, "snapshots")), "the snapshot was left in the data folder");

        // Unpacked by hand, without restore's own opening of the shelf: its store and index agree as they are.
        var unpacked = folder.Folder("unpacked");
        BackupEntries.Unpack(folder.File("during.tar.gz"), unpacked);
        using (var shelf = Shelf.OpenForWriting(unpacked))
        {
            Assert.Equal((false, 0, 0), shelf.Reconciled); // the backup's index was committed at its store's stamp
            Assert.Equal(manifest.GetProperty("documents").GetInt32(), shelf.Store.Count().IndexedDocuments);
            foreach (var document in shelf.Store.AllDocuments().Where(d => d.Kind == FileKind.Pdf))
            {
                // Every page can be drawn from the backup alone: it holds the bytes the PDF's pages are drawn from.
                Assert.Equal(document.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(shelf.PageSources.Find(document.Id)!))));
            }
        }

        var restoredDuring = await CliRunner.RunAsync(folder.File("restored-during"), "restore", folder.File("during.tar.gz"));
        Assert.True(restoredDuring.ExitCode == 0, restoredDuring.ToString());
        Assert.Contains($"Restored {manifest.GetProperty("documents").GetInt32()} documents", restoredDuring.Output, StringComparison.Ordinal);
        var ferry = await CliRunner.RunAsync(folder.File("restored-during"), "search", "Quillbrook", "--json");
        Assert.Contains("a-ferry.txt", ferry.Output, StringComparison.Ordinal);

        // Once the service has read and embedded everything, a backup restored elsewhere answers exactly as it does.
        await Eventually.HoldsAsync(() => IsSettledAsync(data, 5), "the service has read and embedded every file", TimeSpan.FromMinutes(4));
        var idle = await CliRunner.RunAsync(data, "backup", folder.File("idle.tar.gz"));
        Assert.True(idle.ExitCode == 0, idle.ToString());

        // The model's compiled graph, which the service saved, is left out: any writer saves it again.
        Assert.Single(Directory.GetFiles(Path.Combine(data, ModelLibrary.FolderName, CompiledGraphs.FolderName)));
        Assert.DoesNotContain(BackupEntries.Read(folder.File("idle.tar.gz")).Keys, name => name.Contains(CompiledGraphs.FolderName, StringComparison.Ordinal));
        var restored = folder.File("restored");
        Assert.Equal(0, (await CliRunner.RunAsync(restored, "restore", folder.File("idle.tar.gz"))).ExitCode);
        foreach (var query in Queries)
        {
            var live = await CliRunner.RunAsync(data, "search", query, "--json");
            var fromBackup = await CliRunner.RunAsync(restored, "search", query, "--json");
            Assert.True(live.ExitCode == 0, live.ToString());
            Assert.Equal(live.Output, fromBackup.Output);
        }

        // Every sentence vector came along (they are kept in a file of their own beside the store).
        Assert.InRange(SentenceCount(restored), 5, int.MaxValue);
        Assert.Equal(SentenceCount(data), SentenceCount(restored));
        var liveAnswer = await CliRunner.RunAsync(data, "ask", "When does the Quillbrook ferry leave?", "--json");
        var restoredAnswer = await CliRunner.RunAsync(restored, "ask", "When does the Quillbrook ferry leave?", "--json");
        Assert.Equal(liveAnswer.Output, restoredAnswer.Output);
    }

    private static long SentenceCount(string data)
    {
        using var store = new ShelfDatabase(data, readOnly: true);
        return store.SentenceFiles.FindAll().Single().Count;
    }

    [Fact]
    public async Task Without_a_service_backup_opens_the_shelf_itself_and_a_folder_target_keeps_the_newest_backups()
    {
        var data = await SmallShelfAsync();
        var backups = folder.Folder("backups");
        var abandoned = Path.Combine(backups, "docshelf-backup-20201201T023000Z.tar.gz.part");
        await File.WriteAllTextAsync(abandoned, "the start of a backup that was stopped");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddDays(-2));

        for (var run = 0; run < 3; run++)
        {
            var result = await CliRunner.RunAsync(data, "backup", backups, "--keep", "2");
            Assert.True(result.ExitCode == 0, result.ToString());
            await Task.Delay(1100); // the names hold the second they were made
        }

        var kept = Directory.GetFiles(backups);
        Assert.Equal(2, kept.Length); // the abandoned part went too
        Assert.All(kept, file => Assert.Matches(@"docshelf-backup-\d{8}T\d{6}Z\.tar\.gz$", file));
        var again = await CliRunner.RunAsync(data, "backup", kept[0]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private async Task<string> SmallShelfAsync()
    {
        var inbox = folder.Folder("small-inbox");
        await File.WriteAllTextAsync(Path.Combine(inbox, "ferry.txt"), "The Quillbrook ferry leaves the north slip at seven.");
        File.Copy(Path.Combine(RepositoryPaths.Root, "sample-docs", "harbour-commission-report-1894.pdf"), Path.Combine(inbox, "harbour.pdf"));
        var data = folder.File("small-data");
        Assert.Equal(0, (await CliRunner.RunAsync(data, "ingest", inbox)).ExitCode);
        return data;
    }

    private static async Task<bool> IsSettledAsync(string data, int documents)
    {
        var status = await CliRunner.RunAsync(data, "status", "--json");
        if (status.ExitCode != 0)
        {
            return false;
        }

        var shelf = JsonDocument.Parse(status.Output).RootElement;
        return shelf.GetProperty("documents").GetInt32() == documents && shelf.GetProperty("search").GetProperty("vectorsToMake").GetInt32() == 0;
    }

    private static async Task<int> DocumentCountAsync(string data)
    {
        var documents = await CliRunner.RunAsync(data, "documents", "--json");
        return documents.ExitCode == 0 ? JsonDocument.Parse(documents.Output).RootElement.EnumerateArray().Count(d => d.GetProperty("status").GetString() == "indexed") : 0;
    }
}
