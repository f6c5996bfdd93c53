using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DocShelf.Cli.Access;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Benchmarks;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Benchmarks;

/// <summary>
/// (n) Backup and restore of the text shelf of (c): `docshelf backup` with no service, then beside `serve` while it
/// OCRs scans on every core, with searches through its socket before and during the backup; then `docshelf restore`.
/// </summary>
public static partial class BackupBenchmark
{
    private const int Searches = 150;

    public static async Task<string> RunAsync(string workFolder, int files, int scans)
    {
        var folder = Path.Combine(workFolder, "backups");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        // A copy, which the service then adds the scans to: the text shelf stays as the other benchmarks expect it.
        var data = Path.Combine(folder, "data");
        FolderCopy.Copy(await WebLoadBenchmark.TextShelfAsync(workFolder, files), data);
        var shelfBytes = Bytes(data);
        var alone = await BackupAsync(data, Path.Combine(folder, "alone.tar.gz"));

        var inbox = Path.Combine(folder, "scans");
        BenchmarkShelves.Scans(inbox, scans);
        using var service = ServiceProcess.Start(data, inbox);
        await Eventually.HoldsAsync(() => service.Status()?.InProgress.Count > 0, "the service is reading scans", TimeSpan.FromMinutes(2));
        using var http = ShelfSocket.Connect(data, null, TimeSpan.FromMinutes(1)) ?? throw new InvalidOperationException("the service does not answer on its socket");
        var queries = SearchLatencyBenchmark.Queries(Searches);
        await SearchAsync(http, [.. queries.Take(20)], until: null); // warm-up: the first searches load the model and JIT the path
        var beforeBackup = await SearchAsync(http, queries, until: null);
        var backup = BackupAsync(data, Path.Combine(folder, "busy.tar.gz"));
        var duringBackup = await SearchAsync(http, [.. Enumerable.Repeat(queries, 20).SelectMany(q => q)], until: backup);
        var busy = await backup;
        var stillReading = service.Status() is { } status && (status.InProgress.Count > 0 || status.QueueDepth > 0);
        await service.StopAsync();

        var restored = Path.Combine(folder, "restored");
        var restore = await Measure.CaptureAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "docshelf.dll"), "--data", restored, "restore", Path.Combine(folder, "busy.tar.gz")]);
        var chunks = ChunksIn(restore.Output);
        return $"""
            ### (n) Backup and restore

            Shelf: the text shelf of (c), {Megabytes(shelfBytes)} in its data folder; then the service read {scans} scans on every core
            while the second backup was taken{(stillReading ? "" : " (it had finished them by the backup's end, so that row is optimistic)")}. "Changes waited" is how long the holder
            held its writer lock for the snapshot: the store copied after a checkpoint, the index commit and page images linked.
            Searches: hybrid searches through the service's socket, one after another, while it read scans: {Searches} before
            the second backup, and {duringBackup.Count} during it.

            | | time | archive | changes waited | search p50 / p95 |
            | --- | ---: | ---: | ---: | ---: |
            | `backup`, no service | {alone.Seconds:0.0} s | {Megabytes(alone.Bytes)} | {alone.WaitedSeconds:0.00} s | |
            | `backup` beside `serve` reading scans | {busy.Seconds:0.0} s | {Megabytes(busy.Bytes)} | {busy.WaitedSeconds:0.00} s | {Measure.Percentile(duringBackup, 0.5):0} / {Measure.Percentile(duringBackup, 0.95):0} ms |
            | the same service, before the backup | | | | {Measure.Percentile(beforeBackup, 0.5):0} / {Measure.Percentile(beforeBackup, 0.95):0} ms |
            | `restore` of the second ({chunks} chunks), checks and opening included | {restore.Elapsed.TotalSeconds:0.0} s | | | |

            """;
    }

    private static async Task<(double Seconds, long Bytes, double WaitedSeconds)> BackupAsync(string data, string target)
    {
        var (elapsed, output) = await Measure.CaptureAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "docshelf.dll"), "--data", data, "backup", target]);
        var waited = WaitedPattern().Match(output);
        return (elapsed.TotalSeconds, new FileInfo(target).Length, waited.Success ? double.Parse(waited.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN);
    }

    private static async Task<List<double>> SearchAsync(HttpClient http, List<string> queries, Task? until)
    {
        var latencies = new List<double>();
        foreach (var query in queries.TakeWhile(_ => until?.IsCompleted != true))
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        return [.. latencies.Order()];
    }

    private static string ChunksIn(string restoreOutput) => ChunksPattern().Match(restoreOutput) is { Success: true } match ? match.Groups[1].Value : "?";

    private static long Bytes(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0} MB");

    [GeneratedRegex(@"changes waited ([0-9.]+) s")]
    private static partial Regex WaitedPattern();

    [GeneratedRegex(@"\(([0-9,]+) chunks")]
    private static partial Regex ChunksPattern();
}
