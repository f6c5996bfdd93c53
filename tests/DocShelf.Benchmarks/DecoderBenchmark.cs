using System.Diagnostics;
using DocShelf.Fixtures;
using DocShelf.Models.Generation;

namespace DocShelf.Benchmarks;

/// <summary>
/// (j) The ONNX decoder at a realistic small-model shape: reading a long prompt, then writing tokens one at a time
/// with the key-value cache, against writing them by reading the whole text again for every token.
/// </summary>
public static class DecoderBenchmark
{
    private const int PromptCharacters = 1000;
    private const int CachedTokens = 128;
    private const int UncachedTokens = 16;

    public static async Task<string> RunAsync(string workFolder)
    {
        var modelFolder = Path.Combine(workFolder, "decoder");
        await Measure.RunAsync("/usr/bin/python3", [
            Path.Combine(RepositoryPaths.Root, "tests", "DocShelf.Models.Tests", "TinyModels", "generate_decoder.py"), modelFolder,
            "--hidden", "512", "--heads", "8", "--layers", "8", "--feed-forward", "2048", "--positions", "2048", "--vocabulary", "32000", "--no-reference",
        ]);
        var before = Process.GetCurrentProcess().WorkingSet64;
        var config = DecoderModelConfig.Load(modelFolder);
        var prompt = DecoderTokenizer.Load(modelFolder, config.EndTokenIds).Encode(string.Concat(SampleTexts.AllPages())[..PromptCharacters]);
        using var decoder = new OnnxDecoder(config);
        _ = decoder.Generate(prompt, new GenerationOptions { MaxNewTokens = 2 }).ToList(); // warm-up

        var firstToken = Time(() => _ = decoder.Generate(prompt, new GenerationOptions { MaxNewTokens = 1 }).ToList());
        List<int> written = [];
        var cached = Time(() => written = decoder.Generate(prompt, new GenerationOptions { MaxNewTokens = CachedTokens }).ToList());
        var uncached = Time(() =>
        {
            for (var i = 0; i < UncachedTokens; i++)
            {
                _ = decoder.Generate([.. prompt, .. written.Take(i)], new GenerationOptions { MaxNewTokens = 1 }).ToList();
            }
        });
        var peakMegabytes = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var perCachedToken = (cached - firstToken) / (written.Count - 1);
        var perUncachedToken = uncached / UncachedTokens;
        var modelMegabytes = new FileInfo(Path.Combine(modelFolder, "model.onnx")).Length / (1024.0 * 1024.0);
        return $"""
            ### (j) ONNX decoder

            A generated decoder of 8 layers, 512 wide, 8 heads, 2048 in the feed-forward layer, a vocabulary of
            32,000 ({modelMegabytes:0} MB of float32 ONNX, about {modelMegabytes / 4:0} million weights), ONNX Runtime on all cores,
            greedy. The prompt is {prompt.Count} tokens ({PromptCharacters} characters of the sample texts).

            | step | time | tokens per second |
            | --- | ---: | ---: |
            | read the prompt and write the first token | {firstToken * 1000:0} ms | {prompt.Count / firstToken:0} (prompt) |
            | each further token, with the key-value cache ({written.Count} tokens) | {perCachedToken * 1000:0.0} ms | **{1 / perCachedToken:0.0}** |
            | each token reading the whole text again, no cache ({UncachedTokens} tokens) | {perUncachedToken * 1000:0} ms | {1 / perUncachedToken:0.0} |

            The cache makes each token {perUncachedToken / perCachedToken:0}× cheaper at this prompt length. Peak working set of the
            benchmark process: {peakMegabytes:0} MB (it was {before / (1024.0 * 1024.0):0} MB before the model was loaded).

            """;
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }
}
