using System.Diagnostics;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Settings;
using DocShelf.Core.Search;
using DocShelf.Fixtures.Benchmarks;
using DocShelf.Fixtures.Testing;
using Microsoft.Playwright;

namespace DocShelf.Benchmarks;

/// <summary>
/// (m) Type-ahead as a reader feels it: in Debian's chromium, on the page the service serves, each keystroke's time
/// until the results for what the box then holds are painted. Keys are pressed one at a time, each once the last
/// one's results are on screen, so every keystroke is measured alone. Run over the text shelf of (c), and over an
/// archive-sized one of 100,000 chunks, where the server's share of each keystroke is also split into its parts.
/// </summary>
public static class TypeAheadBenchmark
{
    private const string Instrument = """
        () => {
          window.typed = [];
          const box = document.getElementById('query');
          box.addEventListener('keydown', () => { window.pressedAt = performance.now(); }, true);
          // Painted: the summary names the query as the box now holds it, and a frame has been drawn since.
          const observer = new MutationObserver(() => {
            const text = box.value.trim();
            if (!document.getElementById('results-summary').textContent.includes(`“${text}”`)) return;
            const pressed = window.pressedAt;
            requestAnimationFrame(() => setTimeout(() => window.typed.push({ text, ms: performance.now() - pressed }), 0));
          });
          // The hits are drawn first, then the summary that names the query: both are watched.
          for (const id of ['results', 'results-summary']) observer.observe(document.getElementById(id), { childList: true, subtree: true, characterData: true });
        }
        """;

    /// <summary>The page fetches this many hits while the words are still being typed (results.js).</summary>
    private const int TopWhileTyping = 30;

    public static async Task<string> RunAsync(string workFolder, int files, int queries) =>
        await RunAsync(workFolder, await WebLoadBenchmark.TextShelfAsync(workFolder, files), queries, splitServerTime: false);

    /// <summary>
    /// The same over a shelf of about 100,000 chunks: 3,100 files of 10 pages and 100 of 300 pages, so that the
    /// per-document counts of a common word meet long documents too. Ingested with the built-in model, once.
    /// </summary>
    public static async Task<string> ArchiveAsync(string workFolder, int queries)
    {
        var data = Path.Combine(workFolder, "archive-shelf-data");
        if (!File.Exists(Path.Combine(data, "shelf.db")))
        {
            var folder = Path.Combine(workFolder, "archive-shelf");
            BenchmarkShelves.TextShelf(Path.Combine(folder, "short"), 3100);
            BenchmarkShelves.TextShelf(Path.Combine(folder, "long"), 100, pagesPerFile: 300);
            var took = await Measure.DocShelfAsync("--data", data, "ingest", folder, "--json");
            Console.Error.WriteLine($"archive shelf ingested in {took.TotalMinutes:0.0} min");
        }

        return await RunAsync(workFolder, data, queries, splitServerTime: true);
    }

    private static async Task<string> RunAsync(string workFolder, string data, int queries, bool splitServerTime)
    {
        var inbox = Directory.CreateDirectory(Path.Combine(workFolder, "typeahead-inbox")).FullName;
        using var service = ServiceProcess.Start(data, inbox);
        var url = await service.WebUrlAsync();
        await Eventually.HoldsAsync(() => service.Status()?.Shelf is not null, "the service reports the shelf");
        var chunks = service.Status()!.Shelf!.Counts.Chunks;
        // The first search opens the embedding model and reads the vectors in; timed apart from the keystrokes, until
        // one is answered (a search past the service's time limit is refused, and the reading goes on).
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
        var opening = Stopwatch.StartNew();
        var refused = 0;
        while (!(await http.GetAsync("/api/search?q=harbour&top=30&typing=1")).IsSuccessStatusCode)
        {
            refused++;
        }

        var firstSearch = opening.Elapsed;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 860 } });
        await page.GotoAsync(url);
        await page.Locator("#search-mode option[value=hybrid]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var mode = await page.Locator("#search-mode").InputValueAsync();
        await page.EvaluateAsync(Instrument);

        var latencies = new List<double>();
        var typedTexts = new List<string>();
        foreach (var query in SearchLatencyBenchmark.Queries(queries + 2))
        {
            await page.Locator("#query").FillAsync("");
            foreach (var key in query)
            {
                await page.Locator("#query").PressAsync(key.ToString());
                var typed = (await page.Locator("#query").InputValueAsync()).Trim();
                if (typed.Length == 0)
                {
                    continue; // a space alone searches nothing
                }

                typedTexts.Add(typed);
                await page.WaitForFunctionAsync("text => window.typed.some(t => t.text === text)", typed, new() { Timeout = 10000 });
                latencies.Add(await page.EvaluateAsync<double>("text => { const t = window.typed.find(t => t.text === text); window.typed = []; return t.ms; }", typed));
            }
        }

        var warmUp = latencies.Count / (queries + 2) * 2; // the first two queries warm up
        var steady = latencies.Skip(warmUp).Order().ToList();
        await service.StopAsync();
        var split = splitServerTime ? await ServerSplitAsync(data, typedTexts.Skip(warmUp).ToList()) : "";
        return $"""
            ### (m) Type-ahead in the browser

            Shelf: {chunks} chunks, served by `docshelf serve`; the page in Debian's chromium at 1366 px, searching in its default
            mode ({mode}). {queries} queries of two or three words typed key by key ({steady.Count} keystrokes after two queries of
            warm-up); each key is pressed once the last one's results are painted. Time from the key going down to the results
            for the box's text painted, the page's 25 ms pause for the next key included. The service's first search, made
            before the typing, was answered after {firstSearch.TotalSeconds:0.0} s ({refused} refused at the time limit before it).

            | keystrokes | p50 | p95 | max |
            | ---: | ---: | ---: | ---: |
            | {steady.Count} | **{Measure.Percentile(steady, 0.5):0} ms** | **{Measure.Percentile(steady, 0.95):0} ms** | {steady[^1]:0} ms |
            {split}
            """;
    }

    /// <summary>
    /// The server's work for each keystroke's text, as /api/search does it while typing, timed part by part in this
    /// process over the same shelf: the hybrid search, the words no document holds, and the per-document counts.
    /// </summary>
    private static async Task<string> ServerSplitAsync(string data, List<string> texts)
    {
        using var shelf = ShelfComposition.OpenForReading(data, SettingsLoader.Load(data));
        var searcher = shelf.Searcher;
        var (search, absent, counts, counted) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        await searcher.SearchAsync("harbour", TopWhileTyping, null, SearchMode.Hybrid, asYouType: true); // opens the model and the vectors
        foreach (var text in texts)
        {
            var clock = Stopwatch.StartNew();
            var hits = await searcher.SearchAsync(text, TopWhileTyping, null, SearchMode.Hybrid, asYouType: true);
            search.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            searcher.AbsentWords(text, asYouType: true);
            absent.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var documents = searcher.WordHitsByDocument(text, hits, null, asYouType: true);
            counts.Add(clock.Elapsed.TotalMilliseconds);
            counted.Add(documents.Sum(d => d.Count));
        }

        static string Row(string part, List<double> values)
        {
            var sorted = values.Order().ToList();
            return $"| {part} | {Measure.Percentile(sorted, 0.5):0.0} ms | {Measure.Percentile(sorted, 0.95):0.0} ms | {sorted[^1]:0.0} ms |";
        }

        var size = shelf.Store.Count();
        return $"""

            The server's part of each keystroke, the same {texts.Count} texts searched again in one process over the shelf
            ({size.Chunks} chunks in {size.IndexedDocuments} documents), {TopWhileTyping} hits as the page asks while typing; the counts
            found a median of {Measure.Percentile(counted.Order().ToList(), 0.5):0} places per keystroke in the documents listed:

            | part | p50 | p95 | max |
            | --- | ---: | ---: | ---: |
            {Row("hybrid search, snippets included", search)}
            {Row("words no document holds", absent)}
            {Row("word hits counted per document", counts)}

            """;
    }
}
