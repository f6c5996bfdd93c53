using System.Diagnostics;
using DocShelf.Answering.Chat;
using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Models.Generation;
using Microsoft.SemanticKernel.ChatCompletion;

namespace DocShelf.Benchmarks;

/// <summary>
/// What the local chat benchmarks share: a question with sources from the sample texts laid out to about a given
/// number of tokens, and rounds of answering it timed to the first token and to the last.
/// </summary>
public static class GenerationRounds
{
    public const int AnswerTokens = 64;

    /// <summary>Chunks of the sample texts as sources, as many as make the laid-out question about <paramref name="promptTokens"/> tokens.</summary>
    public static string Prompt(IChatGenerator generator, int promptTokens)
    {
        var pages = SampleTexts.AllPages();
        var sources = pages.Select((text, i) => (new Chunk { Id = $"sample/{i + 1}/0", DocumentId = "sample", PageNumber = i + 1, Start = 0, End = text.Length, Text = text }, "sample-texts.txt")).ToList();
        var (history, _) = SourcePrompt.Build(
            "When was the breakwater lamp restored, and who paid for it?",
            sources,
            maxSourceCharacters: 1200,
            h => (generator.CountTokens(generator.ChatPromptFor(LocalChatCompletionService.TurnsOf(h))), promptTokens));
        return generator.ChatPromptFor(LocalChatCompletionService.TurnsOf(history));
    }

    /// <param name="answer">Answers the question greedily in at most <see cref="AnswerTokens"/> tokens, token by token.</param>
    public static List<Timing> Run(Func<GenerationOptions, IEnumerable<int>> answer, int rounds = 3) =>
        [.. Enumerable.Range(0, rounds).Select(_ => Round(answer))];

    /// <summary>The rounds as a table's rows and the best round's figures.</summary>
    public static string Report(List<Timing> rounds, int promptTokens)
    {
        var best = rounds.MinBy(r => r.FirstToken.TotalSeconds)!;
        return $"""
            | round | time to first token | prompt tokens per second | generated tokens per second |
            | ---: | ---: | ---: | ---: |
            {string.Join("\n", rounds.Select((r, i) => $"| {i + 1} | {r.FirstToken.TotalSeconds:0.00} s | {promptTokens / r.FirstToken.TotalSeconds:0} | {r.GeneratedPerSecond:0.0} |"))}

            Best round: **{best.FirstToken.TotalSeconds:0.00} s** to the first token, **{promptTokens / best.FirstToken.TotalSeconds:0}** prompt tokens
            and **{best.GeneratedPerSecond:0.0}** generated tokens a second. Peak working set of the
            benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):0} MB.
            """;
    }

    private static Timing Round(Func<GenerationOptions, IEnumerable<int>> answer)
    {
        var clock = Stopwatch.StartNew();
        var firstToken = TimeSpan.Zero;
        var generated = 0;
        foreach (var _ in answer(new GenerationOptions { MaxNewTokens = AnswerTokens }))
        {
            if (generated++ == 0)
            {
                firstToken = clock.Elapsed;
            }
        }

        return new Timing(firstToken, clock.Elapsed, generated);
    }

    public sealed record Timing(TimeSpan FirstToken, TimeSpan Total, int Generated)
    {
        /// <summary>The tokens after the first, over the time after it: the pace of writing alone.</summary>
        public double GeneratedPerSecond => (Generated - 1) / (Total - FirstToken).TotalSeconds;
    }
}
