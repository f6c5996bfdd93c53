using DocShelf.Core.Files;
using DocShelf.Fixtures;
using DocShelf.Models.Library;

namespace DocShelf.Models.Tests;

public sealed class ModelLibraryTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly ModelLibrary library;

    // Imports are tested on an installation without a built-in model, so each list holds only what was imported.
    public ModelLibraryTests() => library = new ModelLibrary(folder.Folder("data"), builtIn: null);

    [Fact]
    public void An_imported_model_is_copied_hashed_probed_and_can_be_used()
    {
        var manifest = library.Import(TinyModels.Folder(TinyModels.Mean));

        Assert.Equal(TinyModels.Mean, manifest.Name);
        Assert.Equal(32, manifest.Dimensions);
        Assert.StartsWith("random weights", manifest.Licence, StringComparison.Ordinal); // taken from the manifest it came with
        var onnx = Assert.Single(manifest.Files, f => f.Path == "model.onnx");
        Assert.Equal(FileHash.Sha256(Path.Combine(TinyModels.Folder(TinyModels.Mean), "model.onnx")), onnx.Sha256);
        Assert.Equal([TinyModels.Mean], library.List().Select(m => m.Name));
        Assert.Empty(library.Verify());

        Assert.Null(library.ActiveEmbedding());
        library.Use(TinyModels.Mean);
        Assert.Equal(TinyModels.Mean, library.ActiveEmbedding());
    }

    [Fact]
    public void A_file_whose_hash_differs_from_its_manifest_is_refused()
    {
        var source = CopyOfModel();
        new ModelManifest { Name = "carried-in", Files = [new ModelFile("model.onnx", new string('0', 64), 1)] }.WriteTo(source);

        var error = Assert.Throws<ModelImportException>(() => library.Import(source));

        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("sha256", error.Message, StringComparison.Ordinal);
        Assert.Empty(library.List());
        Assert.False(Directory.Exists(library.Folder) && Directory.EnumerateFileSystemEntries(library.Folder).Any(), "a failed import leaves nothing behind");
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_refused()
    {
        var source = CopyOfModel();
        File.WriteAllText(Path.Combine(source, "model.onnx"), "<html>a download page, not a model</html>");

        var error = Assert.Throws<ModelImportException>(() => library.Import(source));

        Assert.Contains("is not an ONNX model", error.Message, StringComparison.Ordinal);
        Assert.Empty(library.List());
    }

    [Fact]
    public void A_model_whose_vectors_do_not_match_its_configuration_is_refused()
    {
        var source = CopyOfModel();
        File.WriteAllText(Path.Combine(source, "1_Pooling", "config.json"), """{ "word_embedding_dimension": 384, "pooling_mode_mean_tokens": true }""");

        var error = Assert.Throws<ModelImportException>(() => library.Import(source));

        Assert.Contains("32 dimensions", error.Message, StringComparison.Ordinal);
        Assert.Contains("384", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_model_or_vocabulary_is_refused()
    {
        var source = CopyOfModel();
        File.Delete(Path.Combine(source, "vocab.txt"));

        var error = Assert.Throws<ModelImportException>(() => library.Import(source));

        Assert.Contains("vocab.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_finds_a_model_file_damaged_after_import()
    {
        library.Import(TinyModels.Folder(TinyModels.Cls));
        var vocabulary = Path.Combine(library.FolderOf(TinyModels.Cls), "vocab.txt");
        File.AppendAllText(vocabulary, "extra\n");

        var problem = Assert.Single(library.Verify());

        Assert.Contains("vocab.txt has sha256", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_checked_and_never_reused()
    {
        library.Import(TinyModels.Folder(TinyModels.Cls));

        Assert.Throws<ModelImportException>(() => library.Import(TinyModels.Folder(TinyModels.Cls)));
        Assert.Throws<ModelImportException>(() => library.Import(TinyModels.Folder(TinyModels.Cls), "../escape"));
        Assert.Throws<ModelImportException>(() => library.Use("no-such-model"));
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_exports_prompts_become_the_models_prefixes_unless_its_manifest_gives_its_own()
    {
        var prompted = CopyOfModel();
        File.WriteAllText(Path.Combine(prompted, "config_sentence_transformers.json"), """{"prompts": {"query": "query: ", "document": "passage: "}}""");
        var declared = CopyOfModel();
        File.Copy(Path.Combine(prompted, "config_sentence_transformers.json"), Path.Combine(declared, "config_sentence_transformers.json"));
        new ModelManifest { Name = "declared", QueryPrefix = "Represent this: ", MinimumSimilarity = 0.4, AnswerSimilarity = 0.6 }.WriteTo(declared);

        var fromExport = library.Import(prompted, "prompted");
        var fromManifest = library.Import(declared);

        Assert.Equal(("query: ", "passage: "), (fromExport.QueryPrefix, fromExport.PassagePrefix));
        Assert.Equal(("Represent this: ", "passage: "), (fromManifest.QueryPrefix, fromManifest.PassagePrefix));
        Assert.Equal((0.4, 0.6), (fromManifest.MinimumSimilarity!.Value, fromManifest.AnswerSimilarity!.Value));
        Assert.Null(fromExport.MinimumSimilarity);
    }

    private string CopyOfModel()
    {
        var target = folder.Folder($"carried-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(TinyModels.Folder(TinyModels.Mean), "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(TinyModels.Folder(TinyModels.Mean), file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        File.Delete(Path.Combine(target, ModelManifest.FileName)); // carried in without a manifest, unless a test writes one
        return target;
    }
}
