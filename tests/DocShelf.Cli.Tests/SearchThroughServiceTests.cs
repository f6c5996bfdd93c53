using System.Text.Json;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Cli.Tests;

public sealed class SearchThroughServiceTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task While_the_service_holds_the_shelf_search_asks_it_over_loopback()
    {
        var inbox = folder.Folder("inbox");
        await File.WriteAllTextAsync(Path.Combine(inbox, "ferry.txt"), "The Quillbrook ferry leaves the north slip at seven.");
        var data = folder.File("data");
        using var service = ServiceProcess.Start(data, inbox);
        await service.WebUrlAsync();
        await Eventually.HoldsAsync(() => service.Status() is { Shelf.Files.Indexed: 1 }, "the file is indexed");

        var single = await CliRunner.RunAsync(data, "search", "Quillbrook", "--json");
        await File.WriteAllLinesAsync(folder.File("queries.txt"), ["ferry slip", "nothing matches zebra"]);
        var batch = await CliRunner.RunAsync(data, "search", "--queries", folder.File("queries.txt"), "--json");

        Assert.True(single.ExitCode == 0, single.ToString());
        var hit = JsonDocument.Parse(single.Output).RootElement.GetProperty("results")[0];
        Assert.EndsWith("ferry.txt", hit.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, hit.GetProperty("page").GetInt32());
        var lines = batch.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(1, JsonDocument.Parse(lines[0]).RootElement.GetProperty("results").GetArrayLength());
        Assert.Equal(0, JsonDocument.Parse(lines[1]).RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task While_the_service_holds_the_shelf_ask_gets_its_answer_over_loopback()
    {
        var inbox = folder.Folder("inbox");
        await File.WriteAllTextAsync(Path.Combine(inbox, "ferry.txt"), "The Quillbrook ferry leaves the north slip at seven. Fares are paid on board.");
        var data = folder.File("data");
        using var service = ServiceProcess.Start(data, inbox);
        await service.WebUrlAsync();
        await Eventually.HoldsAsync(() => service.Status() is { Shelf.Files.Indexed: 1 }, "the file is indexed");

        var result = await CliRunner.RunAsync(data, "ask", "When does the Quillbrook ferry leave the north slip?", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var answer = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(answer.GetProperty("found").GetBoolean());
        Assert.Contains("at seven", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("ferry.txt", answer.GetProperty("citations")[0].GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();
}
