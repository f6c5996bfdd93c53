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
        var reference = TinyModels.LoadReference();
        using var generator = new OnnxEmbeddingGenerator(EmbeddingModelConfig.Load(TinyModels.Folder(model)), model, batchSize: batchSize);

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
