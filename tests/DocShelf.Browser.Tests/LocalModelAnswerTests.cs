using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

/// <summary>
/// A service of its own answering with a generated tiny model (random weights), the GGUF file through llama.cpp or
/// the folder through ONNX Runtime GenAI, imported by the command line and asked on the service's page in the shared
/// browser.
/// </summary>
[Collection(ServedShelfCollection.Name)]
public sealed class LocalModelAnswerTests(ServedShelf shelf)
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "docshelf.dll");

    public static TheoryData<string> TinyModels() => ["tiny-llama/model.gguf", "tiny-decoder"];

    [Theory]
    [MemberData(nameof(TinyModels))]
    public async Task A_local_model_answers_on_the_page_and_its_uncited_answer_gives_way_to_the_extractive_one_with_the_reason(string tinyModel)
    {
        using var folder = new TempFolder();
        var data = folder.File("data");
        var inbox = folder.Folder("inbox");
        await File.WriteAllTextAsync(Path.Combine(inbox, "lamp.txt"), "The breakwater lamp was carried away in the March gale. A temporary red light is shown from the harbour office window.");
        var model = Path.Combine(RepositoryPaths.Root, "tests", "DocShelf.Models.Tests", "TinyModels", tinyModel);
        await Tool.RunAsync("dotnet", Cli, "--data", data, "models", "import", model, "--name", "tiny");
        await Tool.RunAsync("dotnet", Cli, "--data", data, "models", "use", "tiny");
        // The tiny GGUF model's context is 512 tokens: the answer's share is kept small to leave the sources room.
        using var service = ServiceProcess.Start(data, inbox, new Dictionary<string, string> { ["DOCSHELF_AnswerBackend"] = "local", ["DOCSHELF_ChatMaxTokens"] = "12" });
        var url = await service.WebUrlAsync();
        await Eventually.HoldsAsync(() => service.Status() is { QueueDepth: 0, Settling: 0, InProgress.Count: 0, Shelf.Files.Indexed: 1 }, "the note is indexed");
        var page = await shelf.Browser.NewPageAsync();
        await page.GotoAsync(url);

        await page.Locator("#question").FillAsync("Where is the temporary red light shown?");
        await page.Locator("#question").PressAsync("Enter");

        await Assertions.Expect(page.Locator("#answer-notice")).ToContainTextAsync("The chat model's answer cited nothing on the shelf that supports it.");
        await Assertions.Expect(page.Locator("#answer-text")).ToContainTextAsync("harbour office window");
        await Assertions.Expect(page.Locator("#answer-citations .cite").First).ToHaveTextAsync("[1] lamp.txt, page 1");
    }
}
