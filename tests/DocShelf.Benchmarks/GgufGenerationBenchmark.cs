using System.Diagnostics;
using DocShelf.Answering.Chat;
using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;

namespace DocShelf.Benchmarks;

/// <summary>
/// (w) A GGUF model of a 0.5B-class shape (Qwen2.5-0.5B's layer sizes, 4-bit Q4_0 weights, random) through llama.cpp
/// as the local answer backend runs it: a question with sources of about 2,000 tokens, laid out by the model's chat
/// template, then an answer written greedily.
/// </summary>
public static class GgufGenerationBenchmark
{
    private const int PromptTokens = 2000;
    private const int AnswerTokens = 64;

    public static async Task<string> RunAsync(string workFolder)
    {
        var modelFolder = Path.Combine(workFolder, "gguf-0.5b");
        var clock = Stopwatch.StartNew();
        await Measure.RunAsync("/usr/bin/python3", [
            Path.Combine(RepositoryPaths.Root, "tests", "DocShelf.Models.Tests", "TinyModels", "generate_gguf.py"), modelFolder,
            "--hidden", "896", "--heads", "14", "--kv-heads", "2", "--layers", "24", "--feed-forward", "4864", "--context", "4096",
            "--vocabulary", "32000", "--q4", "--no-reference",
        ]);
        var made = clock.Elapsed;
        var path = Path.Combine(modelFolder, "model.gguf");
        var threads = Environment.ProcessorCount;
        clock.Restart();
        using var generator = GgufGenerator.Open(path, new GgufLoading(ContextTokens: 4096, Threads: () => threads));
        var loaded = clock.Elapsed;
        var prompt = generator.ChatPromptFor(LocalChatCompletionService.TurnsOf(Question(generator)));
        var promptTokens = generator.TokenIds(prompt);
        _ = generator.Tokens(promptTokens.Take(64).ToList(), new GenerationOptions { MaxNewTokens = 2 }).ToList(); // warm-up

        var rounds = Enumerable.Range(0, 3).Select(_ => Round(generator, promptTokens)).ToList();
        var best = rounds.MinBy(r => r.FirstToken.TotalSeconds)!;
        var fileMegabytes = new FileInfo(path).Length / (1024.0 * 1024.0);
        return $"""
            ### (w) A GGUF model of 0.5B-class shape through llama.cpp

            A generated llama-architecture model with Qwen2.5-0.5B's layer sizes (24 layers, 896 wide, 14 heads over 2
            key-value heads, 4,864 in the feed-forward layer), a vocabulary of 32,000 and Q4_0 weights ({fileMegabytes:0} MB,
            made in {made.TotalSeconds:0} s by generate_gguf.py), loaded in {loaded.TotalSeconds:0.0} s and run by llama.cpp
            through LLamaSharp on {threads} threads, greedy, with a context
            of 4,096 tokens. The question is laid out by the model's chat template with sources from the sample texts:
            {promptTokens.Count:N0} tokens. Three rounds, the answer {AnswerTokens} tokens long:

            | round | time to first token | prompt tokens per second | generated tokens per second |
            | ---: | ---: | ---: | ---: |
            {string.Join("\n", rounds.Select((r, i) => $"| {i + 1} | {r.FirstToken.TotalSeconds:0.00} s | {promptTokens.Count / r.FirstToken.TotalSeconds:0} | {(r.Generated - 1) / (r.Total - r.FirstToken).TotalSeconds:0.0} |"))}

            Best round: **{best.FirstToken.TotalSeconds:0.00} s** to the first token, **{promptTokens.Count / best.FirstToken.TotalSeconds:0}** prompt tokens
            and **{(best.Generated - 1) / (best.Total - best.FirstToken).TotalSeconds:0.0}** generated tokens a second. Peak working set of the
            benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):0} MB.

            """;
    }

    /// <summary>Chunks of the sample texts as sources, as many as make the laid-out question about <see cref="PromptTokens"/> tokens.</summary>
    private static Microsoft.SemanticKernel.ChatCompletion.ChatHistory Question(GgufGenerator generator)
    {
        var pages = SampleTexts.AllPages();
        var sources = pages.Select((text, i) => (new Chunk { Id = $"sample/{i + 1}/0", DocumentId = "sample", PageNumber = i + 1, Start = 0, End = text.Length, Text = text }, "sample-texts.txt")).ToList();
        var (history, _) = SourcePrompt.Build(
            "When was the breakwater lamp restored, and who paid for it?",
            sources,
            maxSourceCharacters: 1200,
            h => (generator.CountTokens(generator.ChatPromptFor(LocalChatCompletionService.TurnsOf(h))), PromptTokens));
        return history;
    }

    private static Timing Round(GgufGenerator generator, IReadOnlyList<int> prompt)
    {
        var clock = Stopwatch.StartNew();
        var firstToken = TimeSpan.Zero;
        var generated = 0;
        foreach (var _ in generator.Tokens(prompt, new GenerationOptions { MaxNewTokens = AnswerTokens }))
        {
            if (generated++ == 0)
            {
                firstToken = clock.Elapsed;
            }
        }

        return new Timing(firstToken, clock.Elapsed, generated);
    }

    private sealed record Timing(TimeSpan FirstToken, TimeSpan Total, int Generated);
}
