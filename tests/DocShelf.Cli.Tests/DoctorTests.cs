using System.Text.Json;
using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Search;
using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Tests;

/// <summary>`docshelf doctor` on a sound installation, on broken settings, on a store the index disagrees with, and beside a running service.</summary>
public sealed class DoctorTests : IDisposable
{
    private readonly TempFolder folder = new();

    private string Data => folder.Folder("data");

    [Fact]
    public async Task A_sound_installation_passes_every_check_and_exits_0()
    {
        var inbox = folder.Folder("inbox");
        await File.WriteAllTextAsync(Path.Combine(inbox, "note.txt"), "The ferry leaves at seven.");
        await File.WriteAllTextAsync(Path.Combine(Data, "docshelf.json"), JsonSerializer.Serialize(new { Inboxes = new[] { inbox } }));
        Assert.Equal(0, (await CliRunner.RunAsync(Data, "ingest", inbox)).ExitCode);

        var run = await CliRunner.RunAsync(Data, "doctor", "--json");
        var report = JsonDocument.Parse(run.Output).RootElement;
        var health = report.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("check").GetString()!, f => f.GetProperty("health").GetString());

        Assert.Equal(0, run.ExitCode);
        Assert.True(report.GetProperty("healthy").GetBoolean());
        string[] checks = ["tesseract", "ocr languages", "orientation data", "poppler", "office files", "outlook messages", "models", "disk", "data folder", "upload inbox", "listen address", "store and index", "private shelf"];
        Assert.All(checks, check => Assert.Equal("ok", health[check]));
        Assert.Equal("warning", health["service"]); // nothing serves this shelf in the test
    }

    [Fact]
    public async Task Each_broken_setting_is_a_problem_with_what_to_do_and_the_exit_code_is_1()
    {
        await File.WriteAllTextAsync(Path.Combine(Data, "docshelf.json"), JsonSerializer.Serialize(new
        {
            OcrLanguages = "eng+xyz",
            Listen = "0.0.0.0:8470",
            Inboxes = new[] { Path.Combine(folder.Path, "no such inbox") },
        }));

        var run = await CliRunner.RunAsync(Data, "doctor", "--json");
        var problems = JsonDocument.Parse(run.Output).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("health").GetString() == "problem")
            .ToDictionary(f => f.GetProperty("check").GetString()!, f => f.GetProperty("remedy").GetString()!);

        Assert.Equal(1, run.ExitCode);
        // The data folder was made by hand here, open to all, with the settings in it: that is a problem too.
        Assert.Equal(["listen address", "ocr languages", "private shelf", "upload inbox"], problems.Keys.Order());
        Assert.Contains($"chmod -R go-rwx {Data}", problems["private shelf"], StringComparison.Ordinal);
        Assert.Contains("apt-get install tesseract-ocr-xyz", problems["ocr languages"], StringComparison.Ordinal);
        Assert.Contains("AccessToken", problems["listen address"], StringComparison.Ordinal);
        Assert.Contains("mkdir -p", problems["upload inbox"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_the_index_disagrees_with_is_found_and_the_words_say_how_to_mend_it()
    {
        using (var database = new ShelfDatabase(Data, readOnly: false))
        using (var elsewhere = new TempFolder())
        using (var lostIndex = new LexicalIndex(elsewhere.Path, writable: true))
        {
            var record = new DocumentRecord { Id = "0123456789abcdef", Sha256 = new string('a', 64), Paths = ["/a/kept.txt"], Kind = FileKind.PlainText, Status = DocumentStatus.Indexed, ChunkCount = 1, PageCount = 1 };
            new ShelfWriter(database, new ShelfStore(database), lostIndex, new PageSourceFolder(elsewhere.Path), new PageImageFolder(elsewhere.Path)).Publish(
                record,
                "/a/kept.txt",
                [new PageContent { Number = 1, Source = PageSource.PlainText, Text = "lighthouse lamp" }],
                [new Chunk { Id = "0123456789abcdef/1/0", DocumentId = record.Id, PageNumber = 1, Start = 0, End = 15, Text = "lighthouse lamp" }]);
        }

        using (new LexicalIndex(Data, writable: true))
        {
            // an index of its own, empty: as a kill before the index commit leaves it
        }

        var run = await CliRunner.RunAsync(Data, "doctor");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("store and index: 1 documents differ", run.Output, StringComparison.Ordinal);
        Assert.Contains("rebuilds what differs", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Beside_a_running_service_it_asks_the_service()
    {
        var inbox = folder.Folder("inbox");
        using var service = ServiceProcess.Start(Data, inbox);
        await service.WebUrlAsync();

        var run = await CliRunner.RunAsync(Data, "doctor", "--json");
        var found = JsonDocument.Parse(run.Output).RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("check").GetString() == "service");

        Assert.Equal("ok", found.GetProperty("health").GetString());
        Assert.Contains("holds the shelf and answers", found.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();
}
