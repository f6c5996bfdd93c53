using System.Diagnostics;
using System.Globalization;
using System.Text;
using DocShelf.Cli.Access;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Semantics;
using DocShelf.Cli.Settings;
using DocShelf.Fixtures.Benchmarks;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion.Running;
using DocShelf.Models.Library;
using DocShelf.Search;
using DocShelf.Search.Semantic;

namespace DocShelf.Benchmarks;

/// <summary>
/// (u) Generated shelves of growing size, each read through the real pipeline with vectors made near real ones
/// (<see cref="NearbyEmbeddingGenerator"/>), then served by `docshelf serve` (<see cref="Measure.ChosenDocShelf"/>): how long the service takes to answer
/// its first search by meaning, how fast hybrid searches come back through its socket, and how much memory it holds.
/// </summary>
public static class ArchiveScaleBenchmark
{
    /// <summary>Pages in each generated file; at about 1.6 chunks a page, a file holds some 160 chunks.</summary>
    private const int PagesPerFile = 100;
    private const double ChunksPerPage = 1.6;

    public static async Task<string> RunAsync(string workFolder, IReadOnlyList<int> chunkCounts, int queryCount)
    {
        var table = new StringBuilder();
        table.AppendLine("| chunks asked | chunks | vectors (chunks and sentences) | made in | graphs made in | graphs merged when opened again | graph files | data folder | first search by meaning after start | hybrid p50 | hybrid p95 | resident after the searches | peak resident |");
        table.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var chunks in chunkCounts)
        {
            var folder = Path.Combine(workFolder, string.Create(CultureInfo.InvariantCulture, $"archive-{chunks}"));
            var data = Path.Combine(folder, "data");
            (TimeSpan Reading, TimeSpan Graphs)? made = File.Exists(Path.Combine(data, "shelf.db")) ? null : await MakeAsync(folder, data, chunks);
            var merged = await MergeAsync(data);
            var served = await ServeAsync(folder, data, queryCount);
            table.AppendLine(Row(chunks, data, made, merged, served));
            Console.Error.WriteLine(table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        }

        return $"""
            ### (u) Archive scale: generated shelves of growing size

            {table}
            """;
    }

    /// <summary>Generates the text files and reads them onto a new shelf through the pipeline, as `ingest` does.</summary>
    private static async Task<(TimeSpan Reading, TimeSpan Graphs)> MakeAsync(string folder, string data, int chunks)
    {
        var files = Path.Combine(folder, "files");
        if (Directory.Exists(files))
        {
            Directory.Delete(files, recursive: true);
        }

        var paths = BenchmarkShelves.TextShelf(files, (int)Math.Ceiling(chunks / ChunksPerPage / PagesPerFile), PagesPerFile);
        using var shelf = Shelf.OpenForWriting(data, search: NearbySearch(data));
        using var chain = ShelfComposition.Ingestion(shelf, SettingsLoader.Load(data).ToIngestionOptions());
        var clock = Stopwatch.StartNew();
        await chain.Runner.RunAsync(paths, SilentObserver.Instance, CancellationToken.None);
        var semantic = shelf.Searcher.Semantic!;
        await (chain.Batcher?.FlushAsync(CancellationToken.None) ?? Task.CompletedTask);
        await new ChunkEmbedder(shelf.Store, semantic).CatchUpAsync(null, CancellationToken.None);
        var reading = clock.Elapsed;
        clock.Restart();
        await semantic.SaveGraphsAsync(CancellationToken.None);
        await semantic.MergesDoneAsync();
        return (reading, clock.Elapsed);
    }

    /// <summary>
    /// Opens the shelf as its writer and waits for its graph merges, as `serve` would make them in the background: a
    /// shelf just made has made them already; one saved before merging existed is merged now.
    /// </summary>
    private static async Task<TimeSpan> MergeAsync(string data)
    {
        var clock = Stopwatch.StartNew();
        using var shelf = Shelf.OpenForWriting(data, search: NearbySearch(data));
        await shelf.Searcher.Semantic!.MergesDoneAsync();
        return clock.Elapsed;
    }

    /// <summary>The shelf's search with the built-in model's index, its passages given vectors near the model's own.</summary>
    private static SearchSetup NearbySearch(string data)
    {
        var builtIn = BuiltInModel.Default;
        var generator = new NearbyEmbeddingGenerator(builtIn.Open());
        return new SearchSetup(
            shelf => ChosenModel.IndexOver(shelf, builtIn.Name, builtIn.Manifest(), builtIn.Dimensions, generator),
            SettingsLoader.Load(data).ToHybridFusion());
    }

    /// <summary>Starts `serve` on the shelf, times its first search by meaning from the start, then the searches.</summary>
    private static async Task<Served> ServeAsync(string folder, string data, int queryCount)
    {
        var inbox = Directory.CreateDirectory(Path.Combine(folder, "inbox")).FullName;
        var clock = Stopwatch.StartNew();
        using var service = ServiceProcess.Start(Measure.ChosenDocShelf, data, inbox, new Dictionary<string, string>());
        HttpClient? http;
        while ((http = ShelfSocket.Connect(data, null, TimeSpan.FromMinutes(1))) is null)
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException($"docshelf serve stopped before it answered on {data}'s socket.");
            }

            await Task.Delay(20);
        }

        using (http)
        {
            (await http.GetAsync("/api/search?q=harbour+survey&mode=hybrid")).EnsureSuccessStatusCode();
            var firstSearch = clock.Elapsed;
            var latencies = new List<double>();
            foreach (var query in SearchLatencyBenchmark.Queries(queryCount))
            {
                var search = Stopwatch.StartNew();
                using var response = await http.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}&mode=hybrid");
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                latencies.Add(search.Elapsed.TotalMilliseconds);
            }

            var served = new Served(
                service.Status()?.Shelf?.Counts.Chunks ?? 0,
                firstSearch,
                [.. latencies.Order()],
                Measure.ResidentBytes(service.Id, "VmRSS"),
                Measure.ResidentBytes(service.Id, "VmHWM"));
            await service.StopAsync();
            return served;
        }
    }

    private static string Row(int asked, string data, (TimeSpan Reading, TimeSpan Graphs)? made, TimeSpan merged, Served served)
    {
        var folderBytes = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        using var shelf = Shelf.OpenForReading(data);
        var vectors = shelf.VectorCollections().Sum(c => c.Count) + shelf.SentenceFiles().Sum(f => f.Count);
        var graphFiles = Directory.EnumerateFiles(data, "*.usearch", SearchOption.AllDirectories).Count();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {asked:N0} | {served.Chunks:N0} | {vectors:N0} | {(made is { } m ? $"{m.Reading.TotalMinutes:0.0} min" : "earlier run")} | {(made is { } g ? $"{g.Graphs.TotalMinutes:0.0} min" : "")} | {merged.TotalMinutes:0.0} min | {graphFiles} | {folderBytes / 1e9:0.00} GB | {served.FirstSearch.TotalSeconds:0.00} s | **{Measure.Percentile(served.Latencies, 0.5):0.0} ms** | **{Measure.Percentile(served.Latencies, 0.95):0.0} ms** | {served.Resident / 1e9:0.00} GB | {served.PeakResident / 1e9:0.00} GB |");
    }

    private sealed record Served(int Chunks, TimeSpan FirstSearch, List<double> Latencies, long Resident, long PeakResident);
}
