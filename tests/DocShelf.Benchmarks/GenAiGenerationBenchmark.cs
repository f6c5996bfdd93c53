using System.Diagnostics;
using DocShelf.Fixtures;
using DocShelf.Models.GenAi;
using DocShelf.Models.Generation;

namespace DocShelf.Benchmarks;

/// <summary>
/// (j) An ONNX model of a 0.5B-class shape (Qwen2.5-0.5B's widths and depth, 4-bit weights, random) through ONNX Runtime
/// GenAI as the local answer backend runs it: a question with sources of about 2,000 tokens, laid out by the model's
/// chat template, then an answer written greedily.
/// </summary>
public static class GenAiGenerationBenchmark
{
    private const int PromptTokens = 2000;

    public static async Task<string> RunAsync(string workFolder)
    {
        var modelFolder = Path.Combine(workFolder, "genai-0.5b");
        var clock = Stopwatch.StartNew();
        await Measure.RunAsync("/usr/bin/python3", [
            Path.Combine(RepositoryPaths.Root, "tests", "DocShelf.Models.Tests", "TinyModels", "generate_decoder.py"), modelFolder,
            "--hidden", "896", "--heads", "14", "--kv-heads", "2", "--layers", "24", "--feed-forward", "4864", "--positions", "4096", "--vocabulary", "32000", "--q4", "--no-reference",
        ]);
        var made = clock.Elapsed;
        var threads = Environment.ProcessorCount;
        clock.Restart();
        using var generator = GenAiGenerator.Open(modelFolder, new ChatLoading(ContextTokens: 4096, Threads: () => threads));
        var loaded = clock.Elapsed;
        var promptTokens = generator.TokenIds(GenerationRounds.Prompt(generator, PromptTokens));
        _ = generator.Tokens(promptTokens.Take(64).ToList(), new GenerationOptions { MaxNewTokens = 2 }).ToList(); // warm-up

        var rounds = GenerationRounds.Run(options => generator.Tokens(promptTokens, options));
        return $"""
            ### (j) An ONNX model of 0.5B-class shape through ONNX Runtime GenAI

            A generated decoder with Qwen2.5-0.5B's layer sizes (24 layers, 896 wide, 14 heads over 2 key-value heads, 4,864 in the
            feed-forward layer), a vocabulary of 32,000 and 4-bit weights in blocks of 32 multiplied by ONNX Runtime's
            MatMulNBits, as GenAI's int4 exports are ({generator.Facts.WeightBytes / (1024.0 * 1024.0):0} MB,
            made in {made.TotalSeconds:0} s by generate_decoder.py), loaded in {loaded.TotalSeconds:0.0} s and run by ONNX Runtime
            GenAI on {threads} threads, greedy, with a context of 4,096 tokens. The question is laid out by the model's chat
            template with sources from the sample texts: {promptTokens.Count:N0} tokens. Three rounds, the answer
            {GenerationRounds.AnswerTokens} tokens long:

            {GenerationRounds.Report(rounds, promptTokens.Count)}

            """;
    }
}
