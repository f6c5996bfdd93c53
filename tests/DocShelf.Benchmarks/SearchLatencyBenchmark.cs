using System.Diagnostics;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Benchmarks;
using DocShelf.Search;

namespace DocShelf.Benchmarks;

/// <summary>(c) Search latency over 1,000 queries on a shelf of at least 10,000 chunks, measured in-process.</summary>
public static class SearchLatencyBenchmark
{
    public static async Task<string> RunAsync(string workFolder, int files, int queryCount)
    {
        var shelfFolder = Path.Combine(workFolder, "text-shelf");
        BenchmarkShelves.TextShelf(shelfFolder, files);
        var data = Path.Combine(workFolder, "text-shelf-data");
        var ingest = await Measure.DocShelfAsync("--data", data, "ingest", shelfFolder, "--json");

        using var shelf = Shelf.OpenForReading(data);
        var chunks = shelf.Store.Count().Chunks;
        var queries = Queries(queryCount);
        shelf.Searcher.Search("harbour", 10); // first search opens the index; not a steady-state figure

        var latencies = new List<double>();
        var hits = 0;
        foreach (var query in queries)
        {
            var clock = Stopwatch.StartNew();
            hits += shelf.Searcher.Search(query, 10).Count;
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        return $"""
            ### (c) Search latency

            Shelf: {files} text files, {chunks} chunks (ingested in {ingest.TotalSeconds:0.0} s). {queryCount} queries of two or three words
            drawn from the shelf's vocabulary, top 10 with snippets, one after another in one process.

            | p50 | p95 | max | results returned |
            | ---: | ---: | ---: | ---: |
            | **{Measure.Percentile(latencies, 0.5):0.00} ms** | **{Measure.Percentile(latencies, 0.95):0.00} ms** | {latencies[^1]:0.00} ms | {hits} |

            """;
    }

    /// <summary>Queries of two or three words drawn from the sample texts' vocabulary, the same on every run.</summary>
    public static List<string> Queries(int count)
    {
        var words = SampleTexts.AllPages()
            .SelectMany(p => p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim(".,;:!?\"'()".ToCharArray()).ToLowerInvariant())
            .Where(w => w.Length > 3)
            .Distinct()
            .ToArray();
        var random = new Random(11);
        return Enumerable.Range(0, count)
            .Select(_ => string.Join(' ', Enumerable.Range(0, 2 + random.Next(2)).Select(_ => words[random.Next(words.Length)])))
            .ToList();
    }
}
