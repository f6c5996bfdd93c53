using System.Text.RegularExpressions;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

/// <summary>Filters in force are always in sight, and a first visit or an empty shelf says what DocShelf is and how to fill it.</summary>
[Collection(ServedShelfCollection.Name)]
public sealed class FirstVisitTests(ServedShelf shelf)
{
    [Theory]
    [InlineData(1366)]
    [InlineData(400)]
    public async Task A_filter_in_force_is_shown_as_a_chip_that_removes_it(int width)
    {
        // The 1894 report is dated before 2000, so the filter hides it; nothing else on the page would say so.
        var page = await shelf.OpenAsync(width, address: "?q=harbour&dated=2000-");
        var chip = page.Locator("#active-filters .chip");

        await Assertions.Expect(chip).ToHaveTextAsync("Dated 2000 or later ×");
        await Assertions.Expect(chip).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#filters-toggle")).ToHaveTextAsync("Filters (1)");
        await Assertions.Expect(page.Locator(".hit-title", new() { HasText = "harbour report.pdf" })).ToHaveCountAsync(0);

        await chip.ClickAsync();

        await Assertions.Expect(page.Locator(".hit-title", new() { HasText = "harbour report.pdf" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#active-filters")).ToBeHiddenAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("dated="));
    }

    [Fact]
    public async Task The_first_visit_says_what_DocShelf_is_and_where_the_inbox_is()
    {
        var page = await shelf.OpenAsync();

        await Assertions.Expect(page.Locator("#viewer-empty")).ToContainTextAsync("DocShelf keeps scanned papers, PDFs and documents searchable on this machine");
        await Assertions.Expect(page.Locator("#welcome-shelf")).ToHaveTextAsync(new Regex(@"^This shelf holds \d+ documents, \d+ pages in all\.$"));
        await Assertions.Expect(page.Locator("#welcome-inbox")).ToContainTextAsync(shelf.Inbox);
        await Assertions.Expect(page.Locator("#shelf-empty-note")).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(400)]
    public async Task An_empty_shelf_says_so_with_its_inbox_and_a_search_says_why_nothing_matches(int width)
    {
        using var folder = new TempFolder();
        var inbox = folder.Folder("empty inbox");
        using var service = ServiceProcess.Start(folder.File("data"), inbox);
        var page = await shelf.Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 860 } });
        await page.GotoAsync(await service.WebUrlAsync());

        var note = page.Locator("#shelf-empty-note");
        await Assertions.Expect(note).ToContainTextAsync("This shelf is empty.");
        await Assertions.Expect(note).ToContainTextAsync(inbox);
        await Assertions.Expect(note).ToBeInViewportAsync();
        await page.Locator("#query").FillAsync("harbour");
        await page.Locator("#query").PressAsync("Enter");
        // The service's first query by meaning opens the embedding model, which takes seconds on a busy machine.
        await Assertions.Expect(page.Locator("#results-summary")).ToHaveTextAsync("No document holds “harbour”: the shelf is empty.", new() { Timeout = 30_000 });
        await page.CloseAsync();
    }
}
