using System.Diagnostics;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Rendering;

namespace DocShelf.Benchmarks;

/// <summary>
/// (x) Reading spread over workers: the same scanned pages dropped into the inbox of a service reading them itself,
/// then of a service handing them through a broker on this machine to one worker and to two. Gives pages per minute,
/// and the processor time the shelf's own process spends per page published, which is what bounds how many workers
/// one shelf can feed.
/// </summary>
public static class WorkersBenchmark
{
    public static async Task<string> RunAsync(string workFolder, int scans)
    {
        var staging = Directory.CreateDirectory(Path.Combine(workFolder, "workers-staging")).FullName;
        var pages = SampleTexts.AllPages();
        for (var i = 0; i < scans; i++)
        {
            using var image = PageRasteriser.Render(pages[i % pages.Count], ScanStyle.Office(700 + i));
            ImageWriter.WritePng(Path.Combine(staging, $"scan-{i:000}.png"), image);
        }

        await using var broker = await LoopbackBroker.StartAsync();
        var password = Path.Combine(workFolder, "broker-password");
        await File.WriteAllTextAsync(password, broker.Password);
        Search.OwnerOnly.CloseFile(password);
        var environment = new Dictionary<string, string> { ["DOCSHELF_QueuePasswordFile"] = password };

        List<Round> rounds = [];
        foreach (var workers in new[] { 0, 1, 2 })
        {
            rounds.Add(await RoundAsync(Path.Combine(workFolder, $"workers-{workers}"), staging, workers == 0 ? null : broker.Address, workers, environment));
        }

        var rows = string.Join('\n', rounds.Select(r =>
            $"| {(r.Workers == 0 ? "the service alone" : $"{r.Workers} worker{(r.Workers > 1 ? "s" : "")} through the broker")} | {r.Pages} | {r.Elapsed.TotalSeconds:0.0} s | **{r.Pages / r.Elapsed.TotalMinutes:0}** | {r.ShelfCpu:0.0} s | **{r.ShelfCpu / r.Pages * 1000:0} ms** | {r.WorkersCpu:0.0} s |"));
        return $"""
            ### (x) Reading on workers through RabbitMQ

            {scans} scanned pages (PNG, one per file) moved into the inbox at once; the time is to the last one published.
            Every process runs on this machine's {Environment.ProcessorCount} cores, with Debian's rabbitmq-server on loopback.

            | reading | pages | time | pages per minute | shelf's processor time | shelf's time per page | workers' processor time |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: |
            {rows}

            """;
    }

    private static async Task<Round> RoundAsync(string folder, string staging, string? queue, int workerCount, IReadOnlyDictionary<string, string> environment)
    {
        var inbox = Directory.CreateDirectory(Path.Combine(folder, "inbox")).FullName;
        var workers = Enumerable.Range(1, workerCount).Select(i => WorkerProcess.Start(Path.Combine(folder, $"worker-{i}"), queue!, $"bench-{i}", environment)).ToList();
        using var service = queue is null
            ? ServiceProcess.Start(Path.Combine(folder, "shelf"), inbox, environment)
            : ServiceProcess.Start(Path.Combine(folder, "shelf"), inbox, environment, "--queue", queue);
        try
        {
            await service.WebUrlAsync();
            await Eventually.HoldsAsync(() => workers.All(w => w.Output.Contains("is reading files from", StringComparison.Ordinal)), "the workers are ready", TimeSpan.FromMinutes(2));
            var shelfBefore = CpuTime.OfProcess(service.Id);
            var workersBefore = workers.Sum(w => CpuTime.OfProcess(w.Id));
            var files = Directory.GetFiles(staging);
            var clock = Stopwatch.StartNew();
            foreach (var file in files)
            {
                File.Copy(file, Path.Combine(inbox, Path.GetFileName(file)));
            }

            await Eventually.HoldsAsync(() => service.Status()?.Shelf?.Files.Indexed == files.Length, "every page is published", TimeSpan.FromMinutes(30));
            var elapsed = clock.Elapsed;
            return new Round(workerCount, service.Status()!.Shelf!.Counts.Pages, elapsed, CpuTime.OfProcess(service.Id) - shelfBefore, workers.Sum(w => CpuTime.OfProcess(w.Id)) - workersBefore);
        }
        finally
        {
            await service.StopAsync();
            await Task.WhenAll(workers.Select(w => w.StopAsync()));
            workers.ForEach(w => w.Dispose());
        }
    }

    private sealed record Round(int Workers, int Pages, TimeSpan Elapsed, double ShelfCpu, double WorkersCpu);
}
