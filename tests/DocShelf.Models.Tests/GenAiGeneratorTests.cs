using DocShelf.Models.GenAi;
using DocShelf.Models.Generation;

namespace DocShelf.Models.Tests;

/// <summary>
/// ONNX Runtime GenAI through DocShelf against greedy runs an independent NumPy forward pass made of the same
/// generated weights (TinyModels/generate_decoder.py): GenAI keeps a key-value cache, the reference recomputes every
/// step, and the tokenizer is GenAI's reading of a Hugging Face tokenizer.json against the generator's own BPE.
/// </summary>
public sealed class GenAiGeneratorTests : InProcessGeneratorTests<GenAiGeneratorTests>, ITinyChatModel
{
    public static TinyModels.GenerationReference Reference { get; } = TinyModels.LoadDecoderReference();

    private readonly GenAiGenerator generator = GenAiGenerator.Open(TinyModels.Folder(TinyModels.Decoder), Loading);

    protected override IChatGenerator Generator => generator;

    [Fact]
    public void Generation_ends_at_the_models_end_token_without_giving_it()
    {
        var run = Reference.Cases[0];
        var end = run.Greedy[5];
        var folder = TinyModels.DecoderCopy(config => config["model"]!["eos_token_id"] = new System.Text.Json.Nodes.JsonArray(272, end));
        try
        {
            using var ending = GenAiGenerator.Open(folder, Loading);

            var tokens = ending.Tokens(run.Ids, new GenerationOptions { MaxNewTokens = 24 }).ToList();

            Assert.Equal(run.Greedy[..run.Greedy.IndexOf(end)], tokens);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Sampling_with_a_seed_repeats_and_a_stop_sequence_ends_the_text()
    {
        var run = Reference.Cases[0];
        var sampled = new GenerationOptions { MaxNewTokens = 24, Temperature = 1.5, Seed = 7 };

        var first = generator.Tokens(run.Ids, sampled).ToList();
        var again = generator.Tokens(run.Ids, sampled).ToList();
        var stop = run.Text.Substring(6, 2);
        var stopped = string.Concat(generator.Generate(run.Prompt, new GenerationOptions { MaxNewTokens = 24, StopSequences = [stop] }));

        Assert.Equal(first, again);
        Assert.NotEqual(run.Greedy, first);
        Assert.Equal(run.Text[..run.Text.IndexOf(stop, StringComparison.Ordinal)], stopped);
    }

    [Fact]
    public void The_folders_configuration_gives_the_type_context_layers_cache_and_template()
    {
        var facts = GenAiFolder.Describe(TinyModels.Folder(TinyModels.Decoder));

        Assert.Equal("llama", facts.Type);
        Assert.Equal(1024, facts.TrainedContext);
        Assert.Equal(2, facts.Layers);
        Assert.Equal(16, facts.KeyValueWidth); // one key-value head of 16 dimensions, shared by the two query heads
        Assert.Equal(new FileInfo(Path.Combine(TinyModels.Folder(TinyModels.Decoder), "model.onnx")).Length, facts.WeightBytes);
        Assert.Contains("<|im_start|>", facts.ChatTemplate, StringComparison.Ordinal);
        Assert.Equal(facts, generator.Facts);
        Assert.Equal(256, generator.ContextTokens); // the loading's context, below the model's own
    }

    [Fact]
    public void A_damaged_graph_is_refused_with_the_runtimes_reason_and_a_folder_without_a_template_before_loading()
    {
        var damaged = TinyModels.DecoderCopy(_ => { });
        var untemplated = TinyModels.DecoderCopy(_ => { });
        try
        {
            File.WriteAllText(Path.Combine(damaged, "model.onnx"), "not a graph");
            File.WriteAllText(Path.Combine(untemplated, "tokenizer_config.json"), "{\"eos_token\": \"<|im_end|>\"}");

            var notLoaded = Assert.Throws<ChatModelException>(() => GenAiGenerator.Open(damaged, Loading));
            var noTemplate = Assert.Throws<ChatModelException>(() => GenAiGenerator.Open(untemplated, Loading));

            Assert.StartsWith("ONNX Runtime GenAI could not load the model: ", notLoaded.Message, StringComparison.Ordinal);
            Assert.Contains("gives no chat template", noTemplate.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(damaged, recursive: true);
            Directory.Delete(untemplated, recursive: true);
        }
    }

    protected override IReadOnlyList<int> TokenIds(string text) => generator.TokenIds(text);

    protected override IEnumerable<int> Tokens(IReadOnlyList<int> prompt, GenerationOptions options) => generator.Tokens(prompt, options);
}
