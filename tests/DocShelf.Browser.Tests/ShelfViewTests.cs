using System.Text.RegularExpressions;
using DocShelf.Fixtures.Testing;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

/// <summary>The shelf view: every document to sort and filter, removal that keeps the file, and retries that say how they ended.</summary>
[Collection(ServedShelfCollection.Name)]
public sealed class ShelfViewTests(ServedShelf shelf)
{
    [Fact]
    public async Task Every_document_is_listed_and_sorts_and_filters()
    {
        var page = await shelf.OpenAsync(address: "?view=shelf");
        var rows = page.Locator("#shelf-rows tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() >= 4);

        await page.Locator("#shelf-head button", new() { HasText = "Pages" }).ClickAsync();
        await Assertions.Expect(page.Locator("#shelf-head th[aria-sort]")).ToHaveTextAsync(new Regex("^Pages"));
        var pages = (await page.Locator("#shelf-rows tr td:nth-of-type(3)").AllTextContentsAsync()).Select(int.Parse).ToList();
        Assert.Equal(pages.OrderDescending(), pages);
        Assert.Equal(3, pages[0]);

        await page.Locator("#shelf-filter").FillAsync("harbour");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First.Locator("th")).ToHaveTextAsync("harbour report.pdf");
        await Assertions.Expect(rows.First.Locator("td:nth-of-type(2)")).ToHaveTextAsync("1894"); // read from its title line
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        await Screenshots.SaveAsync(page, "shelf");
    }

    [Fact]
    public async Task A_removed_document_leaves_the_shelf_and_its_file_stays()
    {
        var path = Path.Combine(shelf.Inbox, "to remove.txt");
        await File.WriteAllTextAsync(path, "A draft notice about the Quayside gaslamps, no longer wanted.");
        var page = await shelf.OpenAsync(address: "?view=shelf");
        var row = page.Locator("#shelf-rows tr", new() { HasText = "to remove.txt" });
        await ShownAsync(page, row);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove from the shelf to remove.txt" }).ClickAsync();

        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.True(File.Exists(path));
        await page.Locator("#shelf-button").ClickAsync();
        await page.Locator("#query").FillAsync("Quayside gaslamps");
        await Assertions.Expect(page.Locator("#results-summary")).ToContainTextAsync("Quayside gaslamps");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "to remove.txt" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Retrying_a_quarantined_file_shows_that_it_failed_again()
    {
        await File.WriteAllTextAsync(Path.Combine(shelf.Inbox, "still broken.pdf"), "%PDF-1.4\nthis is not really a PDF");
        var page = await shelf.OpenAsync(address: "?view=shelf");
        var row = page.Locator("#shelf-rows tr", new() { HasText = "still broken.pdf" });
        await ShownAsync(page, row);
        // Once the worker is done it says so at once, with the quarantine beside it.
        await Assertions.Expect(page.Locator("#status-line")).ToHaveTextAsync(new Regex(@"^Idle: .*; \d+ files? (is|are) in quarantine\.$"), new() { Timeout = 4000 });

        await row.GetByRole(AriaRole.Button, new() { Name = "Retry still broken.pdf" }).ClickAsync();

        await Assertions.Expect(row.Locator(".retry-outcome")).ToContainTextAsync("Failed again:", new() { Timeout = 60000 });
    }

    /// <summary>Waits for the worker to read a file just put in the inbox, reloading the view until its row is there.</summary>
    private static Task ShownAsync(IPage page, ILocator row) =>
        Eventually.HoldsAsync(
            async () =>
            {
                await page.ReloadAsync();
                await page.Locator("#shelf-rows tr").First.WaitForAsync();
                return await row.CountAsync() == 1;
            },
            "the new file is on the shelf",
            TimeSpan.FromSeconds(60));
}
