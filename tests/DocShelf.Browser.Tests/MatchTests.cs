using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

/// <summary>Results say why they match, counts agree from the list to the viewer, and the viewer steps word by word.</summary>
[Collection(ServedShelfCollection.Name)]
public sealed partial class MatchTests(ServedShelf shelf)
{
    [Theory]
    [InlineData(1366)]
    [InlineData(400)]
    public async Task A_word_no_document_holds_is_said_so_and_nothing_is_shown_as_holding_it(int width)
    {
        var page = await shelf.OpenAsync(width);

        await page.Locator("#query").FillAsync("ACE2");
        await page.Locator("#query").PressAsync("Enter");

        await Assertions.Expect(page.Locator("#results-summary")).ToHaveTextAsync(new Regex("^No document holds “ACE2”\\."));
        // Whatever the model relates to it is under its own heading and labelled; no group claims the word.
        await Assertions.Expect(page.Locator(".group:not(.related)")).ToHaveCountAsync(0);
        Assert.All(await page.Locator(".group.related .hit-count").AllTextContentsAsync(), label => Assert.Equal("related by meaning", label));
    }

    [Fact]
    public async Task A_documents_count_is_the_same_while_typing_after_enter_and_in_the_viewer()
    {
        var page = await shelf.OpenAsync();
        var report = page.Locator(".group", new PageLocatorOptions { Has = page.Locator(".hit-title", new PageLocatorOptions { HasText = "harbour report.pdf" }) });

        await page.Locator("#query").FillAsync("harbour ");
        await Assertions.Expect(report.Locator(".hit-count")).ToHaveTextAsync("7 hits on 3 pages");
        await page.Locator("#query").PressAsync("Enter");
        await Assertions.Expect(report.Locator(".hit-count")).ToHaveTextAsync("7 hits on 3 pages");

        await report.Locator(".hit").First.ClickAsync();
        await Assertions.Expect(page.Locator("#hit-label")).ToHaveTextAsync(new Regex("^Hit 1 of 7$"));
    }

    [Fact]
    public async Task Results_and_the_viewer_name_a_documents_title_and_date()
    {
        var page = await shelf.OpenAsync();
        await page.Locator("#query").FillAsync("harbour ");
        var report = page.Locator(".group", new PageLocatorOptions { Has = page.Locator(".hit-title", new PageLocatorOptions { HasText = "harbour report.pdf" }) });

        // The PDF's own title, "Harbour", and the year its first line bears.
        await Assertions.Expect(report.Locator(".hit-about")).ToHaveTextAsync("Harbour · 1894");
        await report.Locator(".hit").First.ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-path")).ToHaveTextAsync(new Regex("^Harbour · 1894 · /.*harbour report\\.pdf$"));
    }

    [Fact]
    public async Task The_viewer_steps_hit_by_hit_across_pages_with_the_current_one_picked_out()
    {
        var page = await shelf.OpenAsync();
        await page.Locator("#query").FillAsync("harbour ");
        var report = page.Locator(".group", new PageLocatorOptions { Has = page.Locator(".hit-title", new PageLocatorOptions { HasText = "harbour report.pdf" }) });
        await report.Locator(".hit").First.ClickAsync();
        var label = page.Locator("#hit-label");
        await Assertions.Expect(label).ToHaveTextAsync("Hit 1 of 7");

        var seen = new List<(string Page, string Current)>();
        for (var step = 1; step <= 7; step++)
        {
            await Assertions.Expect(label).ToHaveTextAsync($"Hit {step} of 7");
            // One hit is picked out, in the text and on the image, and it is one of the word's places.
            var current = page.Locator("#page-text mark.current");
            await Assertions.Expect(current).ToHaveCountAsync(1);
            Assert.Matches("(?i)^harbours?$", await current.TextContentAsync());
            await Assertions.Expect(page.Locator("#page-boxes .box.current")).Not.ToHaveCountAsync(0);
            seen.Add(((await page.Locator("#page-label").TextContentAsync())!, (await current.TextContentAsync())!));
            if (step < 7)
            {
                await page.Locator("#hit-next").ClickAsync();
            }
        }

        Assert.True(await page.Locator("#hit-next").IsDisabledAsync());
        Assert.Equal(["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"], seen.Select(s => s.Page).Distinct()); // across pages, in order

        // Turning the page by hand moves the count with it: the first hit of page 2 is picked out there.
        await page.Locator("#page-previous").ClickAsync();
        await Assertions.Expect(page.Locator("#page-label")).ToHaveTextAsync("Page 2 of 3");
        var firstOnPageTwo = seen.FindIndex(s => s.Page == "Page 2 of 3") + 1;
        await Assertions.Expect(label).ToHaveTextAsync($"Hit {firstOnPageTwo} of 7");
        await Screenshots.SaveAsync(page, "viewer-current-hit");
    }
}
