using System.Diagnostics;
using System.Globalization;
using DocShelf.Fixtures.Benchmarks;
using DocShelf.Search.Evaluation;

namespace DocShelf.Benchmarks;

/// <summary>
/// (t) DocShelf beside Recoll on the same born-digital folder: ingest against `recollindex`, then a search as a new
/// process each time, lexical and hybrid, with no service and through a running service's socket, against a cold
/// `recollq`. The DocShelf run is <see cref="Measure.ChosenDocShelf"/>.
/// </summary>
public static class ColdCommandBenchmark
{
    private const string Query = "harbour survey tide";

    /// <param name="squad">
    /// A SQuAD file whose paragraphs, three a page and each used once, make the papers' text instead of (s)'s sample
    /// pages, which come back again and again; null for those.
    /// </param>
    public static async Task<string> RunAsync(string workFolder, int papers, int pagesEach, int runs, string? squad = null)
    {
        var folder = Path.Combine(workFolder, "cold-papers");
        var paragraphs = squad is null ? null : SquadSet.Load(squad).Paragraphs.Select(p => p.Context).ToList();
        if (paragraphs is not null)
        {
            papers = Math.Min(papers, paragraphs.Count / 3 / pagesEach);
        }

        var files = paragraphs is null
            ? BenchmarkShelves.Papers(folder, papers, pagesEach)
            : BenchmarkShelves.Papers(folder, papers, pagesEach, page => string.Join(" ", paragraphs.Skip(page * 3).Take(3)));
        var pages = papers * pagesEach;
        var data = Path.Combine(workFolder, "cold-data");
        var recoll = Path.Combine(workFolder, "cold-recoll");
        var hasRecoll = Recoll.IsInstalled;

        var ingest = await DocShelfAsync(data, "ingest", folder);
        var index = hasRecoll ? await Recoll.IndexAsync(recoll, folder) : (TimeSpan?)null;
        var recollq = hasRecoll ? await MedianAsync(runs, () => Measure.RunAsync("recollq", ["-c", recoll, Query])) : (TimeSpan?)null;
        var lexical = await MedianAsync(runs, () => DocShelfAsync(data, "search", Query, "--mode", "lexical"));
        var hybrid = await MedianAsync(runs, () => DocShelfAsync(data, "search", Query, "--mode", "hybrid"));
        var (socketLexical, socketHybrid) = await ThroughServiceAsync(workFolder, data, runs);

        string Row(string what, TimeSpan time) =>
            $"| {what} | {time.TotalMilliseconds:0} ms | {(recollq is { } r ? $"{time / r:0}×" : "–")} |";
        return $"""
            ### (t) Cold commands and ingest beside Recoll

            {papers} two-column born-digital papers of {pagesEach} pages ({pages} pages,
            {files.Sum(f => new FileInfo(f).Length) / 1e6:0.0} MB{(squad is null ? "" : $", each page three paragraphs of {Path.GetFileName(squad)} used once")}), DocShelf run as `{Path.GetFileName(Measure.ChosenDocShelf)}`. Ingest with the
            built-in model:

            | | time | pages a second |
            | --- | ---: | ---: |
            | `docshelf ingest` | {ingest.TotalSeconds:0.0} s | {pages / ingest.TotalSeconds:0.0} |
            | `recollindex` | {(index is { } i ? $"{i.TotalSeconds:0.0} s | {pages / i.TotalSeconds:0.0}" : "not installed | –")} |

            A search for "{Query}" as a new process, the median of {runs}:

            | command | time | times `recollq` |
            | --- | ---: | ---: |
            {(recollq is { } q ? $"| `recollq` | {q.TotalMilliseconds:0} ms | 1× |" : "| `recollq` | not installed | – |")}
            {Row("`docshelf search --mode lexical`, no service", lexical)}
            {Row("`docshelf search --mode hybrid`, no service", hybrid)}
            {Row("`docshelf search --mode lexical`, through `serve`'s socket", socketLexical)}
            {Row("`docshelf search --mode hybrid`, through `serve`'s socket", socketHybrid)}

            """;
    }

    private static Task<TimeSpan> DocShelfAsync(string data, params string[] arguments) => Measure.ChosenDocShelfAsync(["--data", data, .. arguments]);

    /// <summary>The same searches while `docshelf serve` holds the shelf, so each command asks it through `shelf.sock`.</summary>
    private static async Task<(TimeSpan Lexical, TimeSpan Hybrid)> ThroughServiceAsync(string workFolder, string data, int runs)
    {
        var inbox = Directory.CreateDirectory(Path.Combine(workFolder, "cold-inbox")).FullName;
        var start = Measure.ChosenDocShelfStart("--data", data, "serve", "--inbox", inbox, "--listen", "127.0.0.1:0");
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var service = Process.Start(start)!;
        service.OutputDataReceived += (_, _) => { };
        service.ErrorDataReceived += (_, _) => { };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            // Answering once it has opened the shelf and the model: the first search through it waits for both.
            while (!File.Exists(Path.Combine(data, "shelf.sock")))
            {
                await Task.Delay(200);
            }

            await DocShelfAsync(data, "search", Query, "--mode", "hybrid");
            return (await MedianAsync(runs, () => DocShelfAsync(data, "search", Query, "--mode", "lexical")),
                    await MedianAsync(runs, () => DocShelfAsync(data, "search", Query, "--mode", "hybrid")));
        }
        finally
        {
            using (var stop = Process.Start("kill", ["-TERM", service.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await stop.WaitForExitAsync();
            }

            await service.WaitForExitAsync();
        }
    }

    private static async Task<TimeSpan> MedianAsync(int runs, Func<Task<TimeSpan>> run)
    {
        var milliseconds = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            milliseconds.Add((await run()).TotalMilliseconds);
        }

        return TimeSpan.FromMilliseconds(Measure.Percentile(milliseconds.Order().ToList(), 0.5));
    }
}
