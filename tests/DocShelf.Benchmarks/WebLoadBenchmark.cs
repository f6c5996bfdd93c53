using System.Diagnostics;
using DocShelf.Fixtures.Benchmarks;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Benchmarks;

/// <summary>(e) /api/search under load: concurrent loopback clients against the real service, for a fixed time.</summary>
public static class WebLoadBenchmark
{
    public static async Task<string> RunAsync(string workFolder, int files, int clients, TimeSpan duration)
    {
        var data = await TextShelfAsync(workFolder, files);
        var inbox = Directory.CreateDirectory(Path.Combine(workFolder, "load-inbox")).FullName;
        using var service = ServiceProcess.Start(data, inbox);
        using var http = new HttpClient { BaseAddress = new Uri(await service.WebUrlAsync()) };
        await Eventually.HoldsAsync(() => service.Status()?.Shelf is not null, "the service reports the shelf");
        var chunks = service.Status()!.Shelf!.Counts.Chunks;
        var queries = SearchLatencyBenchmark.Queries(4000);
        foreach (var query in queries.Take(50))
        {
            (await http.GetAsync(Address(query))).EnsureSuccessStatusCode(); // warm up the JIT and the index
        }

        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => ClientAsync(http, queries, client, clock, duration)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var latencies = runs.SelectMany(r => r.Latencies).Order().ToList();
        var errors = runs.Sum(r => r.Errors);
        await service.StopAsync();
        return $"""
            ### (e) /api/search under load

            Shelf: {chunks} chunks. {clients} clients on loopback, each sending its next query as soon as the last is answered,
            for {duration.TotalSeconds:0} s; queries of two or three words, top 10 with snippets. The clients run on the same two
            cores as the service.

            | requests | per second | p50 | p95 | p99 | max | errors |
            | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
            | {latencies.Count} | {latencies.Count / elapsed:0} | **{Measure.Percentile(latencies, 0.5):0.0} ms** | **{Measure.Percentile(latencies, 0.95):0.0} ms** | {Measure.Percentile(latencies, 0.99):0.0} ms | {latencies[^1]:0} ms | **{errors}** |

            """;
    }

    /// <summary>The text shelf of benchmark (c), ingested here when that benchmark has not run first.</summary>
    public static async Task<string> TextShelfAsync(string workFolder, int files)
    {
        var data = Path.Combine(workFolder, "text-shelf-data");
        if (!File.Exists(Path.Combine(data, "shelf.db")))
        {
            var shelfFolder = Path.Combine(workFolder, "text-shelf");
            BenchmarkShelves.TextShelf(shelfFolder, files);
            await Measure.DocShelfAsync("--data", data, "ingest", shelfFolder, "--json");
        }

        return data;
    }

    private static async Task<(List<double> Latencies, int Errors)> ClientAsync(
        HttpClient http, List<string> queries, int client, Stopwatch clock, TimeSpan duration)
    {
        var latencies = new List<double>();
        var errors = 0;
        var random = new Random(client);
        while (clock.Elapsed < duration)
        {
            var started = clock.Elapsed;
            try
            {
                using var response = await http.GetAsync(Address(queries[random.Next(queries.Count)]));
                await response.Content.ReadAsByteArrayAsync();
                errors += response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (HttpRequestException)
            {
                errors++;
            }

            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }

        return (latencies, errors);
    }

    private static string Address(string query) => $"/api/search?q={Uri.EscapeDataString(query)}&top=10";
}
