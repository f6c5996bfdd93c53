using System.Diagnostics;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;
using Microsoft.Extensions.VectorData;

namespace DocShelf.Benchmarks;

/// <summary>(g) Exact vector search over 100,000 vectors of 384 dimensions, and what the smaller encodings cost in recall.</summary>
public static class VectorSearchBenchmark
{
    public static async Task<string> RunAsync(string workFolder, int count, int dimensions, int queries)
    {
        var random = new Random(42);
        var records = Enumerable.Range(0, count).Select(i => new ChunkVector
        {
            ChunkId = $"d{i / 10}/1/{i % 10}",
            DocumentId = $"d{i / 10}",
            Page = 1,
            Vector = RandomVector(random, dimensions),
        }).ToList();
        var probes = Enumerable.Range(0, queries).Select(_ => RandomVector(random, dimensions)).ToList();
        var data = Directory.CreateDirectory(Path.Combine(workFolder, "vectors")).FullName;
        using var database = new ShelfDatabase(data, readOnly: false);

        var rows = new List<string>();
        List<HashSet<string>>? truth = null;
        foreach (var encoding in new[] { VectorEncoding.Full, VectorEncoding.Half, VectorEncoding.Bytes })
        {
            using var collection = new LiteDbVectorCollection(database, $"bench-{encoding}", dimensions, encoding);
            var insert = Stopwatch.StartNew();
            foreach (var batch in records.Chunk(5000))
            {
                await collection.UpsertAsync(batch);
            }

            insert.Stop();
            await collection.SearchAsync(probes[0], 10).ToListAsync(); // warm-up
            var latencies = new List<double>();
            var found = new List<HashSet<string>>();
            foreach (var probe in probes)
            {
                var clock = Stopwatch.StartNew();
                var hits = await collection.SearchAsync(probe, 10).Select(h => h.Record.ChunkId).ToListAsync();
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                found.Add([.. hits]);
            }

            truth ??= found;
            var recall = found.Zip(truth, (f, t) => f.Count(t.Contains) / 10.0).Average();
            latencies.Sort();
            var bytes = VectorCodec.Encode(probes[0].Span, encoding).Length;
            rows.Add($"| {encoding} | {bytes} | {count / insert.Elapsed.TotalSeconds:0} | **{Measure.Percentile(latencies, 0.5):0.0} ms** | {Measure.Percentile(latencies, 0.95):0.0} ms | {recall:0.000} |");
        }

        return $"""
            ### (g) Vector search

            {count:N0} random unit vectors of {dimensions} dimensions in one LiteDB collection per encoding, upserted in
            batches of 5,000; {queries} random queries, exact cosine top 10 (one SIMD dot product per vector, bounded heap).
            Recall@10 is against the full-precision results; random vectors are the hard case for it, since their
            similarities crowd together far more than real embeddings do.

            | encoding | bytes per vector | vectors stored per second | p50 | p95 | recall@10 |
            | --- | ---: | ---: | ---: | ---: | ---: |
            {string.Join(Environment.NewLine, rows)}

            """;
    }

    private static ReadOnlyMemory<float> RandomVector(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return vector;
    }
}
