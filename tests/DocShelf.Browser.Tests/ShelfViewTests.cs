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
        var pages = (await page.Locator("#shelf-rows tr td[data-label='Pages']").AllTextContentsAsync()).Select(int.Parse).ToList();
        Assert.Equal(pages.OrderDescending(), pages);
        Assert.Equal(3, pages[0]);

        await page.Locator("#shelf-filter").FillAsync("harbour");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First.Locator("th .doc-name")).ToHaveTextAsync("harbour report.pdf");
        await Assertions.Expect(rows.First.Locator("td[data-label='Dated']")).ToHaveTextAsync("1894"); // read from its title line
        await Assertions.Expect(rows.First.Locator("td[data-label='Folder']")).ToHaveTextAsync(shelf.Inbox);
        await Assertions.Expect(rows.First.Locator("td[data-label='Type']")).ToHaveTextAsync("pdf");
        await Assertions.Expect(rows.First.Locator("td[data-label='Size']")).ToHaveTextAsync(new Regex(@"^\d+ (B|KB|MB)$"));
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        await Screenshots.SaveAsync(page, "shelf");
    }

    [Fact]
    public async Task At_400_pixels_each_document_is_a_card_that_fits_with_its_actions_in_reach()
    {
        var page = await shelf.OpenAsync(400, 800, address: "?view=shelf");
        var cards = page.Locator("#shelf-rows tr");
        await Assertions.Expect(cards.First).ToBeVisibleAsync();

        foreach (var card in await cards.AllAsync())
        {
            var box = (await card.BoundingBoxAsync())!;
            Assert.InRange(box.X + box.Width, 0, 400); // no card runs off the screen
            var action = (await card.Locator(".actions .button").First.BoundingBoxAsync())!;
            Assert.InRange(action.X + action.Width, 0, 400);
            Assert.True(action.Height >= 36, $"an action button {action.Height} px tall is hard to tap");
        }

        // A name is not broken mid-word: the card gives it the screen's width.
        var name = (await page.Locator("#shelf-rows th .doc-name", new() { HasText = "harbour report.pdf" }).BoundingBoxAsync())!;
        Assert.True(name.Height < 30, $"the name takes {name.Height} px, so it was broken across lines");
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        await Screenshots.SaveAsync(page, "shelf-400");
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
