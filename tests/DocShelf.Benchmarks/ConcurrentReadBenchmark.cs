using System.Diagnostics;
using DocShelf.Cli.Access;
using DocShelf.Fixtures.Benchmarks;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Benchmarks;

/// <summary>
/// (l) Searching a shelf another process holds: searches through the holder's socket while `serve` sits idle, and
/// while `ingest` reads scans on every core, in one run; and the whole `docshelf search` command both ways.
/// </summary>
public static class ConcurrentReadBenchmark
{
    private const int Requests = 300;
    private const int Commands = 10;

    public static async Task<string> RunAsync(string workFolder, int textFiles, int scans)
    {
        var data = Path.Combine(workFolder, "concurrent-data");
        var texts = Path.Combine(workFolder, "concurrent-texts");
        BenchmarkShelves.TextShelf(texts, textFiles);
        await Measure.DocShelfAsync("--data", data, "ingest", texts, "--json");
        var queries = SearchLatencyBenchmark.Queries(Requests);

        var (idle, idleCommand) = await WhileServingIdleAsync(workFolder, data, queries);
        var scanFolder = Path.Combine(workFolder, "concurrent-scans");
        BenchmarkShelves.Scans(scanFolder, scans);
        var ingest = Measure.DocShelfAsync("--data", data, "ingest", scanFolder, "--json");
        using var http = await ConnectAsync(data);
        var busyCommand = await CommandAsync(data, queries); // first, while the run surely lasts
        var stillBusy = !ingest.IsCompleted;
        var busy = await SearchAsync(http, queries, until: ingest);
        await ingest;
        return $"""
            ### (l) Searching while the shelf is held

            Shelf: {textFiles} text files, then {scans} scans ingested on every core meanwhile. Searches go through the holder's
            socket (`shelf.sock`): {Requests} searches in the default mode (hybrid, built-in model) one after another, top 10 with snippets, from
            another process. "command" is the whole `docshelf search` run, process start included ({Commands} runs).
            The commands ran first{(stillBusy ? " and all while the ingest ran" : "; the ingest ended before the last of them, so that figure is optimistic")}; then {busy.Count} searches before it ended.

            | holder | p50 | p95 | max | command p50 |
            | --- | ---: | ---: | ---: | ---: |
            | `serve`, idle | {Measure.Percentile(idle, 0.5):0.0} ms | {Measure.Percentile(idle, 0.95):0.0} ms | {idle[^1]:0} ms | {Measure.Percentile(idleCommand, 0.5):0} ms |
            | `ingest`, OCR on every core | {Measure.Percentile(busy, 0.5):0.0} ms | {Measure.Percentile(busy, 0.95):0.0} ms | {busy[^1]:0} ms | {Measure.Percentile(busyCommand, 0.5):0} ms |
            | ratio, busy / idle | {Measure.Percentile(busy, 0.5) / Measure.Percentile(idle, 0.5):0.0}× | {Measure.Percentile(busy, 0.95) / Measure.Percentile(idle, 0.95):0.0}× | | {Measure.Percentile(busyCommand, 0.5) / Measure.Percentile(idleCommand, 0.5):0.0}× |

            """;
    }

    private static async Task<(List<double> Requests, List<double> Commands)> WhileServingIdleAsync(string workFolder, string data, List<string> queries)
    {
        var inbox = Directory.CreateDirectory(Path.Combine(workFolder, "concurrent-inbox")).FullName;
        using var service = ServiceProcess.Start(data, inbox);
        await service.WebUrlAsync();
        using var http = await ConnectAsync(data);
        var commands = await CommandAsync(data, queries);
        var requests = await SearchAsync(http, queries, until: null);
        await service.StopAsync();
        return (requests, commands);
    }

    private static async Task<HttpClient> ConnectAsync(string data)
    {
        HttpClient? client = null;
        await Eventually.HoldsAsync(() => (client = ShelfSocket.Connect(data, null, TimeSpan.FromMinutes(1))) is not null, "the holder answers on its socket", TimeSpan.FromMinutes(2));
        foreach (var query in new[] { "harbour", "ferry slip", "lamp" })
        {
            (await client!.GetAsync($"/api/search?q={query}")).EnsureSuccessStatusCode(); // warm up
        }

        return client!;
    }

    /// <param name="until">Stop early when this ends: the holder stops answering when its run is over.</param>
    private static async Task<List<double>> SearchAsync(HttpClient http, List<string> queries, Task? until)
    {
        var latencies = new List<double>();
        foreach (var query in queries.TakeWhile(_ => until?.IsCompleted != true))
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");
            await response.Content.ReadAsByteArrayAsync();
            if (until is not null && response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                break; // the run ended while this search was in flight
            }

            response.EnsureSuccessStatusCode();
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        return [.. latencies.Order()];
    }

    private static async Task<List<double>> CommandAsync(string data, List<string> queries)
    {
        var times = new List<double>();
        foreach (var query in queries.Take(Commands))
        {
            times.Add((await Measure.DocShelfAsync("--data", data, "search", query, "--json")).TotalMilliseconds);
        }

        return [.. times.Order()];
    }
}
