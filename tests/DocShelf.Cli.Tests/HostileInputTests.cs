using DocShelf.Core.Queue;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Hostile;
using DocShelf.Fixtures.Testing;
using DocShelf.Fixtures.Writers;
using DocShelf.Search;
using Xunit.Abstractions;

namespace DocShelf.Cli.Tests;

public sealed class HostileInputTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task Fifos_and_devices_are_quarantined_unopened_and_the_rest_is_read()
    {
        var inbox = folder.Folder("special");
        await File.WriteAllTextAsync(Path.Combine(inbox, "notes.txt"), "The ferry crosses every half hour.");
        await Tool.RunAsync("mkfifo", Path.Combine(inbox, "pipe.txt")); // opening it would wait for a writer forever
        await Tool.RunAsync("mknod", Path.Combine(inbox, "zero.pdf"), "c", "1", "5"); // /dev/zero: reads never end

        var run = CliRunner.RunAsync(folder.File("data"), "ingest", inbox);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2))) == run;

        Assert.True(finished, "ingest of a folder holding a FIFO and a device should finish");
        var result = await run;
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("1 indexed", result.Output, StringComparison.Ordinal);
        Assert.Contains("it is a FIFO (named pipe)", result.Output, StringComparison.Ordinal);
        Assert.Contains("it is a character device", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_survives_hostile_files_and_each_is_indexed_or_quarantined_with_a_reason()
    {
        var inbox = folder.Folder("inbox");
        var expected = await FillInboxAsync(inbox);

        using (var service = ServiceProcess.Start(folder.File("data"), inbox))
        {
            await Eventually.HoldsAsync(
                () => service.HasExited || service.Status() is { QueueDepth: 0, InProgress.Count: 0, Settling: 0, Shelf.Files: var files } &&
                      files.Indexed + files.Quarantined == expected.Count,
                "every file is indexed or quarantined",
                TimeSpan.FromMinutes(3));
            Assert.False(service.HasExited, "the service died");
            Assert.Equal(0, await service.StopAsync());
        }

        using var shelf = Shelf.OpenForReading(folder.File("data"));
        foreach (var (name, outcome) in expected)
        {
            var entry = shelf.Queue.Find(Path.Combine(inbox, name));
            output.WriteLine($"{name,-28} {entry?.State} {entry?.Reason}");
            Assert.NotNull(entry);
            Assert.True(entry.State is FileState.Indexed or FileState.Quarantined, $"{name} ended {entry.State}");
            if (entry.State == FileState.Quarantined)
            {
                Assert.False(string.IsNullOrWhiteSpace(entry.Reason), $"{name} has no reason");
            }

            if (outcome is not null)
            {
                Assert.True(
                    outcome == "indexed" ? entry.State == FileState.Indexed : entry.Reason?.Contains(outcome, StringComparison.Ordinal) == true,
                    $"{name}: expected {outcome}, got {entry.State}: {entry.Reason}");
            }
        }

        Assert.False(File.Exists(Path.Combine(inbox, "pwned")), "a file name was run by a shell");
    }

    /// <summary>The hostile shelf; each name maps to "indexed", a word its quarantine reason must hold, or null for either.</summary>
    private static async Task<Dictionary<string, string?>> FillInboxAsync(string inbox)
    {
        string In(string name) => Path.Combine(inbox, name);
        HostileFiles.TruncatedPdf(In("truncated.pdf"));
        await File.WriteAllBytesAsync(In("empty.pdf"), []);
        await File.WriteAllTextAsync(In("really-a-note.pdf"), "A note about the ferry timetable, saved with the wrong name.");
        var plain = Path.Combine(Path.GetTempPath(), $"plain-{Guid.NewGuid():N}.pdf");
        PdfWriter.Write(plain, [PdfPage.WithText("A locked letter about the harbour dues.")], "Locked");
        await Tool.RunAsync("qpdf", "--encrypt", "reader-secret", "owner-secret", "256", "--", plain, In("locked.pdf"));
        File.Delete(plain);
        HostileFiles.EnormousPagePdf(In("enormous-page.pdf"));
        HostileFiles.DeeplyNestedPdf(In("deeply-nested.pdf"));
        HostileFiles.PixelBombPng(In("pixel-bomb.png"));
        PdfWriter.Write(In("-f 1 -l 2.pdf"), [PdfPage.WithText("A letter whose name starts with a dash.")], "Dash");
        await File.WriteAllTextAsync(In("ünïcødé 文书 notes.txt"), "Notes with a name in several scripts.");
        await File.WriteAllTextAsync(In("two  spaces and $(touch pwned).txt"), "Notes whose name a shell would run.");
        return new Dictionary<string, string?>
        {
            ["truncated.pdf"] = null,
            ["empty.pdf"] = "empty",
            ["really-a-note.pdf"] = "indexed",
            ["locked.pdf"] = "encrypted",
            ["enormous-page.pdf"] = "million pixels",
            ["deeply-nested.pdf"] = null,
            ["pixel-bomb.png"] = "million pixels",
            ["-f 1 -l 2.pdf"] = "indexed",
            ["ünïcødé 文书 notes.txt"] = "indexed",
            ["two  spaces and $(touch pwned).txt"] = "indexed",
        };
    }

    public void Dispose() => folder.Dispose();
}
