using System.Text.Json;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

/// <summary>
/// A browser allows six connections to one host over HTTP/1.1: the page must not hold one per tab, or the seventh
/// tab (and the original PDF) waits for ever.
/// </summary>
[Collection(ServedShelfCollection.Name)]
public sealed class ConnectionTests(ServedShelf shelf)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Promptly = new() { Timeout = 15_000 };

    [Fact]
    public async Task Ten_tabs_and_a_dozen_page_addresses_in_one_browser_hold_one_live_stream_and_nothing_waits()
    {
        await using var browser = await shelf.Browser.NewContextAsync();
        var home = shelf.Url.TrimEnd('/');

        var tabs = new List<IPage>();
        for (var tab = 0; tab < 10; tab++)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync($"{home}/?q=harbour");
            await Assertions.Expect(page.Locator(".hit").First).ToBeVisibleAsync(Promptly);
            tabs.Add(page);
        }

        var reader = tabs[0];
        var document = await DocumentIdAsync(reader, "harbour report.pdf");
        for (var step = 0; step < 12; step++)
        {
            await reader.GotoAsync($"{home}/?q=harbour&doc={document}&page={(step % 3) + 1}");
            await Assertions.Expect(reader.Locator("#page-image")).ToBeVisibleAsync(Promptly);
        }

        var original = await tabs[^1].EvaluateAsync<int>("async (id) => (await fetch(`/api/documents/${id}/original`)).status", document)
            .WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(200, original);
        // One tab holds the stream's lock and the others wait their turn for it, so one stream is open.
        var locks = await tabs[^1].EvaluateAsync<JsonElement>("async () => await navigator.locks.query()");
        Assert.Equal(["docshelf-status"], locks.GetProperty("held").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(tabs.Count - 1, locks.GetProperty("pending").GetArrayLength());
        await browser.CloseAsync();
    }

    private static async Task<string> DocumentIdAsync(IPage page, string name)
    {
        var documents = JsonDocument.Parse(await page.EvaluateAsync<string>("async () => await (await fetch('/api/documents')).text()"));
        return documents.RootElement.EnumerateArray().Single(d => d.GetProperty("path").GetString()!.EndsWith(name, StringComparison.Ordinal)).GetProperty("id").GetString()!;
    }
}
