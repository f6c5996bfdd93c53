using DocShelf.Cli.Composition;
using DocShelf.Cli.Settings;
using DocShelf.Core.Search;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Models.Library;
using DocShelf.Search.Semantic;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Tests;

/// <summary>The embedding model is opened by the first thing that embeds, so a search by words alone never loads it.</summary>
public sealed class ModelOnDemandTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task A_search_by_words_leaves_the_model_closed_and_a_search_by_meaning_opens_it()
    {
        var data = FixtureShelf();
        using var shelf = ShelfComposition.OpenForReading(data, SettingsLoader.Load(data));
        var model = Assert.IsType<DeferredEmbeddingGenerator>(shelf.Searcher.Semantic!.Generator);

        var byWords = await shelf.Searcher.SearchAsync("breakwater", 3, null, SearchMode.Lexical);
        var closedAfterWords = !model.IsOpen;
        var byMeaning = await shelf.Searcher.SearchAsync("a light to guide ships at night", 3, null, SearchMode.Semantic);

        Assert.NotEmpty(byWords);
        Assert.True(closedAfterWords, "a search by words opened the model");
        Assert.True(model.IsOpen);
        Assert.NotEmpty(byMeaning);
    }

    [Fact]
    public async Task A_shelf_opened_for_a_search_by_meaning_loads_its_model_before_anything_embeds()
    {
        var data = FixtureShelf();
        using var shelf = ShelfComposition.OpenForReading(data, SettingsLoader.Load(data), opening: ModelOpening.AtOnce);
        var model = Assert.IsType<DeferredEmbeddingGenerator>(shelf.Searcher.Semantic!.Generator);

        await Eventually.HoldsAsync(() => model.IsOpen, "the model loads with nothing embedded");
        var byMeaning = await shelf.Searcher.SearchAsync("a light to guide ships at night", 3, null, SearchMode.Semantic);

        Assert.NotEmpty(byMeaning);
    }

    [Fact]
    public void A_shelf_closed_while_its_model_loads_waits_for_the_load_and_closes_it()
    {
        var data = FixtureShelf();
        var shelf = ShelfComposition.OpenForReading(data, SettingsLoader.Load(data), opening: ModelOpening.AtOnce);
        var model = Assert.IsType<DeferredEmbeddingGenerator>(shelf.Searcher.Semantic!.Generator);

        shelf.Dispose();

        Assert.True(model.IsOpen, "closing let the load finish");
        Assert.Throws<ObjectDisposedException>(() => model.GenerateAsync(["breakwater"]).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Only_a_shelf_open_for_writing_saves_the_models_compiled_graph()
    {
        var data = FixtureShelf();
        var compiled = Path.Combine(data, ModelLibrary.FolderName, CompiledGraphs.FolderName);
        using (var reader = ShelfComposition.OpenForReading(data, SettingsLoader.Load(data), opening: ModelOpening.AtOnce))
        {
            Assert.NotEmpty(await reader.Searcher.SearchAsync("a light to guide ships at night", 3, null, SearchMode.Semantic));
        }

        Assert.False(Directory.Exists(compiled), "a reader saved the compiled graph");

        // A writer's model opened at the first search by meaning, and one opened at once, before the shelf.
        foreach (var opening in new[] { ModelOpening.WhenFirstUsed, ModelOpening.AtOnce })
        {
            using (var writer = ShelfComposition.OpenForWriting(data, SettingsLoader.Load(data), opening: opening))
            {
                Assert.NotEmpty(await writer.Searcher.SearchAsync("a light to guide ships at night", 3, null, SearchMode.Semantic));
            }

            Assert.True(new CompiledGraphs(compiled, maySave: false).Find(BuiltInModel.Default.ModelSha256) is not null, $"a writer opening its model {opening} saved no compiled graph");
            Directory.Delete(compiled, recursive: true);
        }
    }

    public void Dispose() => folder.Dispose();

    /// <summary>A copy of the small shelf this version writes, which searches with the built-in model.</summary>
    private string FixtureShelf()
    {
        var data = folder.Folder("data");
        FolderCopy.Copy(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", $"shelf-schema-{ShelfDatabase.SchemaVersion}"), data);
        return data;
    }
}
