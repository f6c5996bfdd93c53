using System.Diagnostics;
using System.Text.Json;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Cli.Tests;

/// <summary>Other commands read a shelf while `ingest` or `serve` holds it, through the holder's socket.</summary>
public sealed class ReadersBesideWriterTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task While_a_long_ingest_runs_other_processes_search_list_read_and_ask_what_it_has_committed()
    {
        var inbox = folder.Folder("inbox");
        await File.WriteAllTextAsync(Path.Combine(inbox, "a-ferry.txt"), "The Quillbrook ferry leaves the north slip at seven.");
        var scan = Path.Combine(RepositoryPaths.Root, "sample-docs", "council-minutes-1911-scan.pdf");
        for (var copy = 1; copy <= 3; copy++)
        {
            // Four pages of OCR each, one page at a time: the run lasts well beyond the first file and the readers.
            await File.WriteAllBytesAsync(Path.Combine(inbox, $"scan-{copy}.pdf"), [.. await File.ReadAllBytesAsync(scan), .. "%copy "u8, (byte)('0' + copy)]);
        }

        var data = folder.File("data");
        var ingest = CliRunner.RunAsync(data, "ingest", inbox, "--parallel", "1");
        CliResult? search = null;
        await Eventually.HoldsAsync(
            async () => ingest.IsCompleted || (search = await CliRunner.RunAsync(data, "search", "Quillbrook", "--json")).Output.Contains("a-ferry.txt", StringComparison.Ordinal),
            "a second process finds the first file",
            TimeSpan.FromMinutes(2));

        var documents = await CliRunner.RunAsync(data, "documents", "--json");
        var text = await CliRunner.RunAsync(data, "text", "a-ferry.txt");
        var ask = await CliRunner.RunAsync(data, "ask", "When does the Quillbrook ferry leave?", "--json");
        var status = await CliRunner.RunAsync(data, "status", "--json");
        var secondWriter = await CliRunner.RunAsync(data, "ingest", inbox);
        var stillRunning = !ingest.IsCompleted;

        Assert.True(stillRunning, "the ingest had finished before the readers were done; the test proves nothing");
        Assert.NotNull(search);
        Assert.Equal(0, search.ExitCode);
        Assert.True(documents.ExitCode == 0, documents.ToString());
        Assert.Contains("a-ferry.txt", documents.Output, StringComparison.Ordinal);
        Assert.Equal("The Quillbrook ferry leaves the north slip at seven.", text.Output.Trim());
        Assert.Contains("at seven", JsonDocument.Parse(ask.Output).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(status.ExitCode == 0, status.ToString());
        var counted = JsonDocument.Parse(status.Output).RootElement;
        Assert.True(counted.GetProperty("documents").GetInt32() >= 1, status.Output);
        // `ingest` embeds in one pass at its end, so what it has committed so far is still to embed.
        Assert.Equal(counted.GetProperty("chunks").GetInt32(), counted.GetProperty("search").GetProperty("vectorsToMake").GetInt32());
        Assert.Equal(1, secondWriter.ExitCode);
        Assert.Contains("in use by another DocShelf process", secondWriter.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await ingest).ExitCode);
        var after = await CliRunner.RunAsync(data, "documents", "--json");
        Assert.Equal(4, JsonDocument.Parse(after.Output).RootElement.GetArrayLength());
        Assert.False(File.Exists(Path.Combine(data, "shelf.sock")), "the socket outlived the run");
    }

    [Fact]
    public async Task Documents_json_reads_the_same_through_the_holder_as_from_the_shelf_itself()
    {
        var inbox = folder.Folder("inbox");
        File.Copy(Path.Combine(RepositoryPaths.Root, "sample-docs", "ferry-notice-1908.jpg"), Path.Combine(inbox, "notice.jpg")); // one page of OCR
        await File.WriteAllTextAsync(Path.Combine(inbox, "broken.pdf"), "%PDF-1.4\nnot really a PDF");
        var data = folder.File("data");
        await CliRunner.RunAsync(data, "ingest", inbox);
        var alone = await CliRunner.RunAsync(data, "documents", "--json");
        var textAlone = await CliRunner.RunAsync(data, "text", "notice.jpg", "--json");
        var kindsAlone = Kinds(await CliRunner.RunAsync(data, "status", "--json"));

        using var service = ServiceProcess.Start(data, inbox);
        await service.WebUrlAsync();
        var held = await CliRunner.RunAsync(data, "documents", "--json");
        var textHeld = await CliRunner.RunAsync(data, "text", "notice.jpg", "--json");
        var kindsHeld = Kinds(await CliRunner.RunAsync(data, "status", "--json"));

        Assert.True(held.ExitCode == 0, held.ToString());
        Assert.Equal(alone.Output, held.Output);
        Assert.Equal(textAlone.Output, textHeld.Output);
        Assert.Equal("scanned: 1 pages", kindsAlone);
        Assert.Equal(kindsAlone, kindsHeld); // the holder measures the data folder as a reader would
    }

    [Fact]
    public async Task Retry_by_name_works_while_the_service_runs()
    {
        var inbox = folder.Folder("inbox");
        await File.WriteAllTextAsync(Path.Combine(inbox, "broken.pdf"), "%PDF-1.4\nnot really a PDF");
        var data = folder.File("data");
        using var service = ServiceProcess.Start(data, inbox);
        await Eventually.HoldsAsync(() => service.Status() is { Shelf.Files.Quarantined: 1, FilesDoneSinceStart: 1 }, "the broken PDF is quarantined");

        var retry = await CliRunner.RunAsync(data, "retry", "broken.pdf");

        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Contains("Asked the DocShelf service", retry.Output, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => service.Status() is { FilesDoneSinceStart: 2, Shelf.Files.Quarantined: 1 }, "the file is read again");
    }

    public void Dispose() => folder.Dispose();

    /// <summary>The kinds of page `status --json` counts, and their pages.</summary>
    private static string Kinds(CliResult status) =>
        string.Join("; ", JsonDocument.Parse(status.Output).RootElement.GetProperty("footprint").GetProperty("kinds").EnumerateArray()
            .Select(k => $"{k.GetProperty("kind").GetString()}: {k.GetProperty("pages").GetInt32()} pages"));
}
