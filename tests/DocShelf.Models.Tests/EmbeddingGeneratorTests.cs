using DocShelf.Models.Embeddings;
using Microsoft.Extensions.AI;

namespace DocShelf.Models.Tests;

public sealed class EmbeddingGeneratorTests
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData(TinyModels.Mean, 1)]
    [InlineData(TinyModels.Mean, 32)]
    [InlineData(TinyModels.Cls, 1)]
    [InlineData(TinyModels.Cls, 3)]
    public async Task Vectors_match_the_reference_implementation_alone_and_in_padded_batches(string model, int batchSize)
    {
        // The reference, as sentence-transformers does, cuts text at the model's window.
        var reference = TinyModels.LoadReference();
        using var generator = new OnnxEmbeddingGenerator(EmbeddingModelConfig.Load(TinyModels.Folder(model)), model, batchSize: batchSize, wholeText: false);

        var embeddings = await generator.GenerateAsync(reference.Sentences);

        Assert.Equal(reference.Sentences.Count, embeddings.Count);
        for (var i = 0; i < embeddings.Count; i++)
        {
            var expected = reference.Models[model][i];
            var actual = embeddings[i].Vector.ToArray();
            Assert.Equal(expected.Count, actual.Length);
            var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= Tolerance, $"{model}, \"{reference.Sentences[i]}\": largest difference {worst:e2}");
        }
    }

    [Fact]
    public async Task Text_longer_than_the_window_is_embedded_whole_and_text_that_fits_as_before()
    {
        var config = EmbeddingModelConfig.Load(TinyModels.Folder(TinyModels.Mean));
        using var whole = new OnnxEmbeddingGenerator(config, TinyModels.Mean);
        using var cut = new OnnxEmbeddingGenerator(config, TinyModels.Mean, wholeText: false);
        const string Head = "the harbour dues were nine hundred pounds and the ferry crossed the river";
        const string Tail = "lighthouses harboured ships and surveyed rivers";
        var first = $"{Head} {Head} then {Tail}";
        var second = $"{Head} {Head} then the ferry";

        var wholeVectors = await whole.GenerateAsync([first, second, Tail]);
        var cutVectors = await cut.GenerateAsync([first, second, Tail]);

        Assert.True(WordPieceEncoder.Create(config).EncodeWindows(first).Count > 1, "the text should need more than one window");
        Assert.Equal(cutVectors[2].Vector.ToArray(), wholeVectors[2].Vector.ToArray()); // fits: one window, the same vector
        Assert.Equal(cutVectors[0].Vector.ToArray(), cutVectors[1].Vector.ToArray()); // cut: what lies past the window is lost
        Assert.NotEqual(wholeVectors[0].Vector.ToArray(), wholeVectors[1].Vector.ToArray()); // whole: it counts
        Assert.True(Cosine(wholeVectors[0], wholeVectors[2]) > Cosine(cutVectors[0], cutVectors[2]), "the tail's meaning should reach the vector");
        Assert.Equal(1.0, Math.Sqrt(wholeVectors[0].Vector.ToArray().Sum(v => (double)v * v)), 5);
    }

    [Fact]
    public void Windows_cover_every_piece_overlap_by_a_quarter_and_keep_the_special_tokens()
    {
        var config = EmbeddingModelConfig.Load(TinyModels.Folder(TinyModels.Mean));
        var encoder = WordPieceEncoder.Create(config);
        var text = string.Join(' ', Enumerable.Repeat("the harbour dues were nine hundred pounds", 6));
        var pieces = WordPieceEncoder.Create(config with { MaxTokens = 10_000 }).Encode(text); // every piece, uncut

        var windows = encoder.EncodeWindows(text);

        Assert.All(windows, w => Assert.True(w.Count <= config.MaxTokens && w[0] == 2 && w[^1] == 3));
        var width = config.MaxTokens - 2;
        var stride = width * 3 / 4;
        for (var i = 0; i < windows.Count; i++)
        {
            Assert.Equal(pieces.Skip(1 + (i * stride)).Take(windows[i].Count - 2), windows[i].Skip(1).Take(windows[i].Count - 2));
        }

        Assert.Equal(pieces.Count - 2, ((windows.Count - 1) * stride) + windows[^1].Count - 2); // the last window ends at the last piece
    }

    private static double Cosine(Embedding<float> a, Embedding<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a.Vector.Span, b.Vector.Span);

    [Fact]
    public void The_model_configuration_is_read_from_the_export()
    {
        var mean = EmbeddingModelConfig.Load(TinyModels.Folder(TinyModels.Mean));
        var cls = EmbeddingModelConfig.Load(TinyModels.Folder(TinyModels.Cls));

        Assert.Equal((Pooling.Mean, true, 24), (mean.Pooling, mean.Normalize, mean.MaxTokens));
        Assert.Equal((Pooling.Cls, false, 24), (cls.Pooling, cls.Normalize, cls.MaxTokens));
    }

    [Fact]
    public async Task Normalised_models_give_unit_vectors_and_report_their_dimensions()
    {
        using var generator = new OnnxEmbeddingGenerator(EmbeddingModelConfig.Load(TinyModels.Folder(TinyModels.Mean)), TinyModels.Mean);

        var vector = (await generator.GenerateAsync(["The ferry crosses every half hour."]))[0].Vector.Span;

        Assert.Equal(1.0, Math.Sqrt(vector.ToArray().Sum(v => (double)v * v)), 5);
        var metadata = (EmbeddingGeneratorMetadata)generator.GetService(typeof(EmbeddingGeneratorMetadata))!;
        Assert.Equal(32, metadata.DefaultModelDimensions);
        Assert.Equal(TinyModels.Mean, metadata.DefaultModelId);
    }

    [Fact]
    public async Task Nothing_in_gives_nothing_out()
    {
        using var generator = new OnnxEmbeddingGenerator(EmbeddingModelConfig.Load(TinyModels.Folder(TinyModels.Cls)), TinyModels.Cls);
        Assert.Empty(await generator.GenerateAsync([]));
    }
}
