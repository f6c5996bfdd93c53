using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;

namespace DocShelf.Models.Tests;

/// <summary>
/// llama.cpp through DocShelf against greedy runs an independent NumPy forward pass made of the same generated
/// llama-architecture weights (TinyModels/generate_gguf.py), and the file's facts as its metadata gives them.
/// </summary>
public sealed class GgufGeneratorTests : InProcessGeneratorTests<GgufGeneratorTests>, ITinyChatModel
{
    public static TinyModels.GenerationReference Reference { get; } = TinyModels.LoadGgufReference();

    private readonly GgufGenerator generator = GgufGenerator.Open(TinyModels.LlamaFile, Loading);

    protected override IChatGenerator Generator => generator;

    [Fact]
    public void The_files_metadata_gives_its_architecture_context_quantisation_template_and_licence()
    {
        var facts = GgufFile.Describe(TinyModels.LlamaFile);

        Assert.Equal("llama", facts.Architecture);
        Assert.Equal("docshelf-tiny-llama", facts.Name);
        Assert.Equal(512, facts.TrainedContext);
        Assert.Equal("F32", facts.Quantisation);
        Assert.Equal(2, facts.Layers);
        Assert.Equal(32, facts.KeyValueWidth); // two key-value heads of 64 / 4 dimensions
        Assert.Contains("<|im_start|>", facts.ChatTemplate, StringComparison.Ordinal);
        Assert.StartsWith("random weights", facts.Licence, StringComparison.Ordinal);
        Assert.Equal(facts, generator.Facts);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_with_llama_cpps_reason()
    {
        var damaged = Path.GetTempFileName();
        try
        {
            var bytes = File.ReadAllBytes(TinyModels.LlamaFile);
            File.WriteAllBytes(damaged, bytes[..(bytes.Length / 2)]);
            Assert.True(GgufFile.LooksLikeGguf(damaged));

            var error = Assert.Throws<ChatModelException>(() => GgufGenerator.Open(damaged, Loading));

            // llama.cpp's own words for it, which its exception leaves out.
            Assert.Matches($"^Reading {Path.GetFileName(damaged)} failed: .*not within the file bounds", error.Message);
            Assert.False(GgufFile.LooksLikeGguf(TinyModels.Folder(TinyModels.Decoder) + "/model.onnx"));
        }
        finally
        {
            File.Delete(damaged);
        }
    }

    [Fact]
    public void A_model_larger_than_the_memory_available_is_refused_with_the_figures()
    {
        var facts = GgufFile.Describe(TinyModels.LlamaFile);

        var error = Assert.Throws<ChatModelException>(() => MemoryNeed.Check("big.gguf", MemoryNeed.Available(), facts.CacheBytes(4096), 4096));

        Assert.Contains("big.gguf needs about", error.Message, StringComparison.Ordinal);
        Assert.Contains("available", error.Message, StringComparison.Ordinal);
        MemoryNeed.Check("tiny.gguf", facts.WeightBytes, facts.CacheBytes(4096), 4096);
    }

    protected override IReadOnlyList<int> TokenIds(string text) => generator.TokenIds(text);

    protected override IEnumerable<int> Tokens(IReadOnlyList<int> prompt, GenerationOptions options) => generator.Tokens(prompt, options);
}
