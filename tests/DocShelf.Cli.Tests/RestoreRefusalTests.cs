using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Tests;

/// <summary>`docshelf restore` lets nothing of a damaged, incomplete, hostile or too-new backup into a data folder.</summary>
public sealed class RestoreRefusalTests : IClassFixture<RestoreRefusalTests.GoodBackup>, IDisposable
{
    private readonly TempFolder folder = new();
    private readonly GoodBackup good;

    public RestoreRefusalTests(GoodBackup good) => this.good = good;

    public static TheoryData<string, string> Damages => new()
    {
        { "cut-short", "damaged" },
        { "store-altered", "do not match the sha256 its manifest gives, such as shelf.db" },
        { "page-source-dropped", "is incomplete: 1 of its" },
        { "manifest-dropped", "it ends before its manifest" },
        { "path-escapes", "would leave the data folder" },
        { "symbolic-link", "DocShelf writes plain files only" },
        { "newer-schema", $"this DocShelf reads schemas up to {ShelfDatabase.SchemaVersion}" },
        { "unlisted-file", "which its manifest does not list" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_bad_backup_is_refused_with_its_reason_and_no_data_folder_is_left(string damage, string reason)
    {
        var archive = folder.File(damage + ".tar.gz");
        Damage(good.Archive, archive, damage);
        var data = Path.Combine(folder.Path, "restored");

        var result = await CliRunner.RunAsync(data, "restore", archive);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), $"the refused restore left {data}");
    }

    [Fact]
    public async Task A_flipped_byte_anywhere_in_the_compressed_data_or_its_checksum_is_called_damage()
    {
        var bytes = await File.ReadAllBytesAsync(good.Archive);
        var written = Unpacked(bytes)!;
        // Nine places through the compressed data, and the last byte: the size in gzip's trailer, after its checksum.
        var places = Enumerable.Range(1, 9).Select(tenth => bytes.Length * tenth / 10).Append(bytes.Length - 1).ToList();
        var refused = 0;
        foreach (var place in places)
        {
            var archive = folder.File($"flipped-at-{place}.tar.gz");
            var damaged = (byte[])bytes.Clone();
            damaged[place] ^= 0x55;
            await File.WriteAllBytesAsync(archive, damaged);
            var data = Path.Combine(folder.Path, $"restored-{place}");

            var result = await CliRunner.RunAsync(data, "restore", archive);

            // About one flip in 600 leaves what deflate unpacks as it was (5 of 3,014 places tried on a backup of the
            // fixture shelf): the backup still holds the very bytes written, its checksum holds, and restoring it is right.
            if (result.ExitCode == 0 && Unpacked(damaged) is { } unpacked && unpacked.AsSpan().SequenceEqual(written))
            {
                continue;
            }

            Assert.True(result.ExitCode == 1, $"a byte flipped at {place} of {bytes.Length} changed the backup, and it was restored");
            Assert.Contains("the backup is damaged", result.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(data), $"the refused restore left {data}");
            refused++;
        }

        Assert.True(refused >= places.Count - 2, $"only {refused} of {places.Count} flipped bytes changed what the backup unpacks to");
    }

    [Fact]
    public async Task A_backup_is_restored_only_into_an_empty_folder()
    {
        var data = folder.Folder("occupied");
        await File.WriteAllTextAsync(Path.Combine(data, "notes.txt"), "the archivist's own file");

        var result = await CliRunner.RunAsync(data, "restore", good.Archive);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not empty", result.Error, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(data).Select(Path.GetFileName));
    }

    public void Dispose() => folder.Dispose();

    /// <summary>What gzip unpacks <paramref name="archive"/> to, its checksum checked; null when it cannot.</summary>
    private static byte[]? Unpacked(byte[] archive)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
            using var bytes = new MemoryStream();
            gzip.CopyTo(bytes);
            return bytes.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static void Damage(string source, string target, string damage)
    {
        var bytes = File.ReadAllBytes(source);
        switch (damage)
        {
            case "cut-short":
                File.WriteAllBytes(target, bytes[..(bytes.Length / 2)]);
                return;
        }

        var entries = BackupEntries.Read(source);
        switch (damage)
        {
            case "store-altered":
                entries["shelf.db"] = [.. entries["shelf.db"][..^1], (byte)(entries["shelf.db"][^1] ^ 1)];
                break;
            case "page-source-dropped":
                entries.Remove(entries.Keys.First(name => name.StartsWith("page-sources/", StringComparison.Ordinal)));
                break;
            case "manifest-dropped":
                entries.Remove("docshelf-backup.json");
                break;
            case "newer-schema":
                var manifest = JsonNode.Parse(entries["docshelf-backup.json"])!;
                manifest["schema"] = 99;
                entries["docshelf-backup.json"] = Encoding.UTF8.GetBytes(manifest.ToJsonString());
                break;
            case "unlisted-file":
                entries["lexical/extra"] = "not in the manifest"u8.ToArray();
                break;
        }

        Write(target, entries, damage);
    }

    /// <summary>Writes the entries back, the manifest last as DocShelf does, with any hostile entry first.</summary>
    private static void Write(string target, Dictionary<string, byte[]> entries, string damage)
    {
        using var gzip = new GZipStream(File.Create(target), CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        if (damage == "path-escapes")
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../outside.txt") { DataStream = new MemoryStream("escaped"u8.ToArray()) });
        }
        else if (damage == "symbolic-link")
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "lexical/link") { LinkName = "/etc/passwd" });
        }

        foreach (var (name, content) in entries.OrderBy(e => e.Key == "docshelf-backup.json"))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }
    }

    /// <summary>One sound backup of a small shelf, which each case damages a copy of.</summary>
    public sealed class GoodBackup : IAsyncLifetime
    {
        private readonly TempFolder folder = new();

        public string Archive => folder.File("good.tar.gz");

        public async Task InitializeAsync()
        {
            var inbox = folder.Folder("inbox");
            await File.WriteAllTextAsync(Path.Combine(inbox, "ferry.txt"), "The Quillbrook ferry leaves the north slip at seven.");
            File.Copy(Path.Combine(RepositoryPaths.Root, "sample-docs", "harbour-commission-report-1894.pdf"), Path.Combine(inbox, "harbour.pdf"));
            var data = folder.File("data");
            Assert.Equal(0, (await CliRunner.RunAsync(data, "ingest", inbox)).ExitCode);
            var backup = await CliRunner.RunAsync(data, "backup", Archive);
            Assert.True(backup.ExitCode == 0, backup.ToString());
            var restored = await CliRunner.RunAsync(folder.File("check"), "restore", Archive);
            Assert.True(restored.ExitCode == 0, $"the undamaged backup does not restore, so the refusals prove nothing: {restored}");
        }

        public Task DisposeAsync()
        {
            folder.Dispose();
            return Task.CompletedTask;
        }
    }
}
