using DocShelf.Fixtures.Testing;
using Microsoft.Playwright;

namespace DocShelf.Benchmarks;

/// <summary>
/// (m) Type-ahead as a reader feels it: in Debian's chromium, on the page the service serves over the text shelf of
/// (c), each keystroke's time until the results for what the box then holds are painted. Keys are pressed one at a
/// time, each once the last one's results are on screen, so every keystroke is measured alone.
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

    public static async Task<string> RunAsync(string workFolder, int files, int queries)
    {
        var data = await WebLoadBenchmark.TextShelfAsync(workFolder, files);
        var inbox = Directory.CreateDirectory(Path.Combine(workFolder, "typeahead-inbox")).FullName;
        using var service = ServiceProcess.Start(data, inbox);
        var url = await service.WebUrlAsync();
        await Eventually.HoldsAsync(() => service.Status()?.Shelf is not null, "the service reports the shelf");
        var chunks = service.Status()!.Shelf!.Counts.Chunks;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 860 } });
        await page.GotoAsync(url);
        await page.Locator("#search-mode option[value=hybrid]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var mode = await page.Locator("#search-mode").InputValueAsync();
        await page.EvaluateAsync(Instrument);

        var latencies = new List<double>();
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

                await page.WaitForFunctionAsync("text => window.typed.some(t => t.text === text)", typed, new() { Timeout = 10000 });
                latencies.Add(await page.EvaluateAsync<double>("text => { const t = window.typed.find(t => t.text === text); window.typed = []; return t.ms; }", typed));
            }
        }

        var steady = latencies.Skip(latencies.Count / (queries + 2) * 2).Order().ToList(); // the first two queries warm up
        await service.StopAsync();
        return $"""
            ### (m) Type-ahead in the browser

            Shelf: {chunks} chunks, served by `docshelf serve`; the page in Debian's chromium at 1366 px, searching in its default
            mode ({mode}). {queries} queries of two or three words typed key by key ({steady.Count} keystrokes after two queries of
            warm-up); each key is pressed once the last one's results are painted. Time from the key going down to the results
            for the box's text painted, the page's 25 ms pause for the next key included.

            | keystrokes | p50 | p95 | max |
            | ---: | ---: | ---: | ---: |
            | {steady.Count} | **{Measure.Percentile(steady, 0.5):0} ms** | **{Measure.Percentile(steady, 0.95):0} ms** | {steady[^1]:0} ms |

            """;
    }
}
