using System.Net;
using System.Text.Json;
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
    public async Task Fifos_devices_and_links_are_quarantined_unopened_and_the_rest_is_read()
    {
        var inbox = folder.Folder("special");
        await File.WriteAllTextAsync(Path.Combine(inbox, "notes.txt"), "The ferry crosses every half hour.");
        await Tool.RunAsync("mkfifo", Path.Combine(inbox, "pipe.txt")); // opening it would wait for a writer forever
        await Tool.RunAsync("mknod", Path.Combine(inbox, "zero.pdf"), "c", "1", "5"); // /dev/zero: reads never end
        File.CreateSymbolicLink(Path.Combine(inbox, "hostname.txt"), "/etc/hostname"); // leads out of the named folder

        var run = CliRunner.RunAsync(folder.File("data"), "ingest", inbox);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2))) == run;

        Assert.True(finished, "ingest of a folder holding a FIFO and a device should finish");
        var result = await run;
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("1 indexed", result.Output, StringComparison.Ordinal);
        Assert.Contains("it is a FIFO (named pipe)", result.Output, StringComparison.Ordinal);
        Assert.Contains("it is a character device", result.Output, StringComparison.Ordinal);
        Assert.Contains("it is a symbolic link;", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("/etc/hostname", result.Output, StringComparison.Ordinal); // a reason names the link, never where it leads
    }

    [Fact]
    public async Task Links_in_an_inbox_are_refused_with_their_reason_and_nothing_they_lead_to_is_read_or_served()
    {
        var inbox = folder.Folder("linked-inbox");
        var outside = folder.Folder("outside");
        await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "The combination of the strongroom is private.");
        await File.WriteAllTextAsync(Path.Combine(inbox, "notes.txt"), "The ferry crosses every half hour.");
        var letters = Directory.CreateDirectory(Path.Combine(inbox, "letters")).FullName;
        await File.WriteAllTextAsync(Path.Combine(letters, "letter.txt"), "A letter about the harbour dues.");
        File.CreateSymbolicLink(Path.Combine(inbox, "old.txt"), Path.Combine(outside, "secret.txt")); // there before the start

        // A long grace keeps the swapped folder's document on the shelf, so the original route is asked about it.
        using var service = ServiceProcess.Start(folder.File("data"), inbox, "--delete-grace-seconds", "600");
        using var http = new HttpClient { BaseAddress = new Uri(await service.WebUrlAsync()) };
        await Eventually.HoldsAsync(() => service.Status() is { Shelf.Files: { Indexed: 2, Quarantined: 1 } }, "the first three files are read");

        File.CreateSymbolicLink(Path.Combine(inbox, "h.txt"), Path.Combine(outside, "secret.txt")); // appears while it runs
        await Tool.RunAsync("touch", "-h", Path.Combine(inbox, "old.txt"));
        await Eventually.HoldsAsync(() => service.Status() is { Shelf.Files.Quarantined: 2 }, "the new link is refused");

        var letterId = (await DocumentsAsync(http)).Single(d => d.Name == "letter.txt").Id;
        var before = await http.GetAsync($"/api/documents/{letterId}/original");
        Assert.Equal("A letter about the harbour dues.", await before.Content.ReadAsStringAsync());

        // The indexed sub-folder is swapped for a link to a folder outside, holding a file of the same size and time.
        var decoy = Directory.CreateDirectory(Path.Combine(outside, "decoy")).FullName;
        await File.WriteAllTextAsync(Path.Combine(decoy, "letter.txt"), "A private note of equal length!");
        File.SetLastWriteTimeUtc(Path.Combine(decoy, "letter.txt"), File.GetLastWriteTimeUtc(Path.Combine(letters, "letter.txt")));
        Directory.Move(letters, Path.Combine(outside, "moved-away"));
        Directory.CreateSymbolicLink(letters, decoy);
        await File.WriteAllTextAsync(Path.Combine(decoy, "later.txt"), "Written beyond the link while the service runs.");
        await Task.Delay(TimeSpan.FromSeconds(3)); // a few walks

        var after = await http.GetAsync($"/api/documents/{letterId}/original");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        var documents = await DocumentsAsync(http);
        Assert.Equal(["h.txt", "letter.txt", "notes.txt", "old.txt"], documents.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.All(documents.Where(d => d.Name.EndsWith("h.txt", StringComparison.Ordinal) || d.Name == "old.txt"), d =>
        {
            Assert.Equal("quarantined", d.Status);
            Assert.Contains("symbolic link", d.Reason, StringComparison.Ordinal);
        });
        using var search = JsonDocument.Parse(await http.GetStringAsync("/api/search?q=strongroom+combination&mode=lexical"));
        Assert.Empty(search.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(0, await service.StopAsync());
    }

    private static async Task<List<(string Id, string Name, string Status, string Reason)>> DocumentsAsync(HttpClient http)
    {
        using var list = JsonDocument.Parse(await http.GetStringAsync("/api/documents"));
        return [.. list.RootElement.EnumerateArray().Select(d => (
            d.GetProperty("id").GetString()!,
            d.GetProperty("name").GetString()!,
            d.GetProperty("status").GetString()!,
            d.TryGetProperty("reason", out var reason) ? reason.GetString() ?? "" : ""))];
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
            ["locked.pdf"] = "locked with a password",
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
