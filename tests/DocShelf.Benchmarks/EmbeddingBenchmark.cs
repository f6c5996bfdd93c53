using System.Diagnostics;
using DocShelf.Fixtures;
using DocShelf.Models.Embeddings;
using Microsoft.Extensions.AI;

namespace DocShelf.Benchmarks;

/// <summary>(f) Embedding throughput of a BERT-shaped model at a realistic size: 6 layers, 384 wide, 256 tokens.</summary>
public static class EmbeddingBenchmark
{
    public static async Task<string> RunAsync(string workFolder, int chunks)
    {
        var modelFolder = Path.Combine(workFolder, "models");
        await Measure.RunAsync("/usr/bin/python3", [
            Path.Combine(RepositoryPaths.Root, "tests", "DocShelf.Models.Tests", "TinyModels", "generate.py"), modelFolder,
            "--layers", "6", "--hidden", "384", "--heads", "12", "--intermediate", "1536", "--max-positions", "512",
            "--max-length", "256", "--variants", "mean", "--no-reference",
        ]);
        var texts = ChunkTexts(chunks);
        using var generator = new OnnxEmbeddingGenerator(EmbeddingModelConfig.Load(Path.Combine(modelFolder, "tiny-bert-mean")), "bench-bert-6x384");
        await generator.GenerateAsync(texts.Take(32)); // warm-up: graph optimisation and first allocations

        var clock = Stopwatch.StartNew();
        var embeddings = await generator.GenerateAsync(texts);
        var seconds = clock.Elapsed.TotalSeconds;
        var modelMegabytes = new FileInfo(Path.Combine(modelFolder, "tiny-bert-mean", "model.onnx")).Length / (1024.0 * 1024.0);
        return $"""
            ### (f) Embedding throughput

            A generated BERT-shaped model of 6 layers, 384 wide, 12 heads, 1536 in the feed-forward layer
            ({modelMegabytes:0} MB of ONNX), inputs cut at 256 tokens, batches of 32, ONNX Runtime on all cores. {embeddings.Count} chunks
            of about 1,000 characters from the sample texts (with this model's small vocabulary every chunk fills the 256 tokens).

            | chunks | seconds | chunks per second |
            | ---: | ---: | ---: |
            | {embeddings.Count} | {seconds:0.0} | **{embeddings.Count / seconds:0.0}** |

            """;
    }

    private static List<string> ChunkTexts(int count)
    {
        var pages = SampleTexts.AllPages();
        return [.. Enumerable.Range(0, count).Select(i => pages[i % pages.Count] is var page && page.Length > 1000 ? page[..1000] : page)];
    }
}
