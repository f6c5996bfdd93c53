using System.Text.Json;
using DocShelf.Fixtures;

namespace DocShelf.Cli.Tests;

public sealed class ModelsCommandTests : IDisposable
{
    private static readonly string TinyModel = Path.Combine(AppContext.BaseDirectory, "TinyModels", "tiny-bert-mean");

    private readonly TempFolder folder = new();

    [Fact]
    public async Task Without_a_model_search_is_lexical_and_semantic_search_says_how_to_add_one()
    {
        var data = folder.File("data");
        await File.WriteAllTextAsync(folder.File("note.txt"), "The ferry crosses every half hour.");
        await CliRunner.RunAsync(data, "ingest", folder.File("note.txt"));

        var lexical = await CliRunner.RunAsync(data, "search", "ferry");
        var semantic = await CliRunner.RunAsync(data, "search", "ferry", "--mode", "semantic");
        var list = await CliRunner.RunAsync(data, "models", "list");

        Assert.Equal(0, lexical.ExitCode);
        Assert.Equal(1, semantic.ExitCode);
        Assert.Contains("docshelf models import", semantic.Error, StringComparison.Ordinal);
        Assert.Contains("lexical only", list.Output, StringComparison.Ordinal);
        var status = await CliRunner.RunAsync(data, "status");
        Assert.Contains("lexical only", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_model_in_use_embeds_the_shelf_and_serves_every_mode()
    {
        var data = folder.File("data");
        await File.WriteAllTextAsync(folder.File("note.txt"), "The ferry crosses every half hour.");
        await File.WriteAllTextAsync(folder.File("dues.txt"), "Harbour dues rose to nine hundred pounds.");

        var import = await CliRunner.RunAsync(data, "models", "import", TinyModel, "--name", "tiny");
        var use = await CliRunner.RunAsync(data, "models", "use", "tiny");
        var ingest = await CliRunner.RunAsync(data, "ingest", folder.File("note.txt"), folder.File("dues.txt"));

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.True(use.ExitCode == 0, use.ToString());
        Assert.Contains("Embedded 2 chunks with tiny", ingest.Error, StringComparison.Ordinal);
        foreach (var mode in new[] { "lexical", "semantic", "hybrid" })
        {
            var search = await CliRunner.RunAsync(data, "search", "ferry", "--mode", mode, "--json");
            Assert.True(search.ExitCode == 0, search.ToString());
            Assert.NotEqual(0, JsonDocument.Parse(search.Output).RootElement.GetProperty("results").GetArrayLength());
        }

        var verify = await CliRunner.RunAsync(data, "models", "verify");
        Assert.Equal(0, verify.ExitCode);
        var searchStatus = JsonDocument.Parse((await CliRunner.RunAsync(data, "status", "--json")).Output).RootElement.GetProperty("search");
        Assert.Equal("tiny", searchStatus.GetProperty("embeddingModel").GetString());
        Assert.Equal((2, 0), (searchStatus.GetProperty("vectors").GetInt32(), searchStatus.GetProperty("vectorsToMake").GetInt32()));
    }

    [Fact]
    public async Task A_damaged_model_fails_verification()
    {
        var data = folder.File("data");
        await CliRunner.RunAsync(data, "models", "import", TinyModel, "--name", "tiny");
        await File.AppendAllTextAsync(Path.Combine(data, "models", "tiny", "vocab.txt"), "tampered\n");

        var verify = await CliRunner.RunAsync(data, "models", "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("tiny: vocab.txt has sha256", verify.Error, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();
}
