using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

/// <summary>
/// A service of its own handing files to a worker through a real rabbitmq-server, and its page in the shared browser:
/// the ingestion panel says where files are read, and shows each worker, the one that went quiet among them.
/// </summary>
[Collection(ServedShelfCollection.Name)]
public sealed class WorkersPanelTests(ServedShelf shelf)
{
    [Fact]
    public async Task The_page_shows_the_workers_with_their_pace_and_the_one_that_stopped_answering()
    {
        using var folder = new TempFolder();
        await using var broker = await LoopbackBroker.StartAsync();
        var password = folder.File("broker-password");
        await File.WriteAllTextAsync(password, broker.Password);
        Search.OwnerOnly.CloseFile(password);
        var environment = new Dictionary<string, string> { ["DOCSHELF_QueuePasswordFile"] = password };
        var inbox = folder.Folder("inbox");
        File.Copy(Path.Combine(RepositoryPaths.SampleDocs, "reading-room-rules.txt"), Path.Combine(inbox, "rules.txt"));
        using var worker = WorkerProcess.Start(folder.File("worker"), broker.Address, "reading-room-pc", environment);
        using var service = ServiceProcess.Start(folder.File("data"), inbox, environment, "--queue", broker.Address);
        var url = await service.WebUrlAsync();
        await Eventually.HoldsAsync(() => service.Status() is { Shelf.Files.Indexed: 1, Workers.Published: 1 }, "the worker's reading is published", TimeSpan.FromMinutes(2));

        var page = await shelf.Browser.NewPageAsync();
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("#workers-line")).ToContainTextAsync($"Read by workers through amqp://docshelf@127.0.0.1:{broker.Port}/: 0 waiting, 0 at workers; 1 published and 0 failed");
        await Assertions.Expect(page.Locator("#workers li")).ToContainTextAsync("reading-room-pc: idle; 1 file, ", new() { Timeout = 20_000 });

        worker.Kill();
        await Assertions.Expect(page.Locator("#workers li.warning")).ToContainTextAsync("reading-room-pc: not answering since", new() { Timeout = 60_000 });
    }
}
