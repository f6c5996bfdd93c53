using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

/// <summary>Reading as a researcher does: type-ahead, hits by document, walking a document's hits, zoom, the address, keys and a phone-sized window.</summary>
[Collection(ServedShelfCollection.Name)]
public sealed partial class ReadingTests(ServedShelf shelf)
{
    [Fact]
    public async Task Typing_a_word_letter_by_letter_never_shows_an_empty_state_and_the_prefix_is_marked()
    {
        var page = await shelf.OpenAsync();
        var summaries = await RecordAsync(page, "results-summary");

        await page.Locator("#query").PressSequentiallyAsync("lighthou", new LocatorPressSequentiallyOptions { Delay = 90 });

        var hit = page.Locator(".group", new PageLocatorOptions { Has = page.GetByRole(AriaRole.Heading, new() { Name = "lighthouse.png" }) }).Locator(".hit").First;
        await Assertions.Expect(hit.Locator("mark").First).ToHaveTextAsync(new Regex("^[Ll]ighthouse"));
        Assert.DoesNotContain(summaries, line => line.StartsWith("Nothing", StringComparison.Ordinal));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?q=lighthou$"));
    }

    [Fact]
    public async Task A_screen_reader_hears_the_result_count_once_typing_settles_not_at_every_key()
    {
        var page = await shelf.OpenAsync();
        var announced = await RecordAsync(page, "results-announce");

        await page.Locator("#query").PressSequentiallyAsync("harbour commission", new LocatorPressSequentiallyOptions { Delay = 60 });
        await Assertions.Expect(page.Locator("#results-announce")).ToHaveTextAsync(new Regex(@"^\d+ hits? in \d+ documents?$"));
        await page.WaitForTimeoutAsync(1000);

        Assert.Single(announced);
    }

    [Fact]
    public async Task Results_refresh_when_a_document_they_would_include_arrives()
    {
        var page = await shelf.OpenAsync();
        await page.Locator("#query").FillAsync("Ravenscar");
        await Assertions.Expect(page.Locator("#results-summary")).ToContainTextAsync("Ravenscar");
        Assert.Equal(0, await page.GetByRole(AriaRole.Heading, new() { Name = "ravenscar letter.txt" }).CountAsync());

        await File.WriteAllTextAsync(Path.Combine(shelf.Inbox, "ravenscar letter.txt"), "A letter from Ravenscar about the winter ferry.");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ravenscar letter.txt" })).ToHaveCountAsync(1, new() { Timeout = 30000 });
    }

    [Fact]
    public async Task Fuzzy_matches_are_marked_in_snippets_and_outlined_on_the_page()
    {
        var page = await shelf.OpenAsync();
        await page.Locator("#query").FillAsync("breakwatr~");

        var report = page.Locator(".group", new PageLocatorOptions { Has = page.GetByRole(AriaRole.Heading, new() { Name = "harbour report.pdf" }) });
        var hit = report.Locator(".hit").First;
        await Assertions.Expect(hit.Locator("mark").First).ToHaveTextAsync(new Regex("^[Bb]reakwater"));
        await hit.ClickAsync();
        await Assertions.Expect(page.Locator("#page-boxes .box")).Not.ToHaveCountAsync(0);
        var titles = await page.Locator("#page-boxes .box").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.title.toLowerCase())");
        Assert.All(titles, title => Assert.StartsWith("breakwater", title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hits_are_grouped_by_document_and_the_viewer_steps_through_them_across_pages()
    {
        var page = await shelf.OpenAsync();
        await page.Locator("#query").FillAsync("harbour commission");

        var report = page.Locator(".group", new PageLocatorOptions { Has = page.GetByRole(AriaRole.Heading, new() { Name = "harbour report.pdf" }) });
        // Every place the words stand in the report (the title and "harbour" on each page), not the chunks returned.
        await Assertions.Expect(report.Locator(".hit-count")).ToHaveTextAsync(new Regex(@"^\d+ hits on 3 pages$"));
        var count = Regex.Match((await report.Locator(".hit-count").TextContentAsync())!, @"^\d+").Value;
        Assert.True(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) > 7);
        Assert.Equal(1, await page.GetByRole(AriaRole.Heading, new() { Name = "harbour report.pdf" }).CountAsync());
        await report.Locator(".hit").First.ClickAsync();
        await Assertions.Expect(page.Locator("#hit-label")).ToHaveTextAsync(new Regex($@"^Hit \d+ of {count}$"));

        // N and P go hit by hit, so a page's later hits come before the next page.
        await page.Locator("#page-image").ClickAsync();
        var before = await PageNumberAsync(page);
        for (var step = 0; step < 20 && await PageNumberAsync(page) == before; step++)
        {
            var label = (await page.Locator("#hit-label").TextContentAsync())!;
            await page.Keyboard.PressAsync(before == 3 ? "p" : "n");
            await Assertions.Expect(page.Locator("#hit-label")).Not.ToHaveTextAsync(label);
        }

        await Assertions.Expect(page.Locator("#page-label")).Not.ToHaveTextAsync($"Page {before} of 3");
        await Assertions.Expect(page.Locator("#original-link")).ToHaveAttributeAsync("href", new Regex($@"/original#page={await PageNumberAsync(page)}$"));
    }

    [Fact]
    public async Task Zoom_widens_the_page_and_fit_width_fills_the_viewer_with_the_outlines_on_their_words()
    {
        var page = await shelf.OpenAsync();
        await page.Locator("#query").FillAsync("warning gun");
        await page.Locator(".hit").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('page-image').naturalWidth > 0");
        await Assertions.Expect(page.Locator("#zoom-label")).ToHaveTextAsync("Page width"); // a page opens readable
        await page.Locator("#zoom-page").ClickAsync();
        var whole = (await page.Locator("#page").BoundingBoxAsync())!.Width;

        await page.Locator("#zoom-width").ClickAsync();
        var frame = (await page.Locator("#page-frame").BoundingBoxAsync())!;
        var fitted = (await page.Locator("#page").BoundingBoxAsync())!.Width;
        await page.Keyboard.PressAsync("+");
        var zoomed = (await page.Locator("#page").BoundingBoxAsync())!;
        var box = (await page.Locator("#page-boxes .box").First.BoundingBoxAsync())!;

        Assert.True(fitted > whole, $"page width {fitted} should exceed the whole-page view's {whole}");
        var styles = await page.EvaluateAsync<string>("() => { const f = document.getElementById('page'); const c = getComputedStyle(f); return `${f.className} ${f.style.width} ${c.width} ${c.marginLeft} ${c.marginRight} ${getComputedStyle(document.getElementById('page-frame')).width}`; }");
        Assert.True(fitted >= frame.Width - 20 && fitted <= frame.Width, $"fitted {fitted} frame {frame.Width}: {styles}");
        Assert.InRange(zoomed.Width, fitted * 1.2, fitted * 1.3);
        Assert.InRange(box.X, zoomed.X, zoomed.X + zoomed.Width);
        await Assertions.Expect(page.Locator("#zoom-label")).ToHaveTextAsync("125% of width");
    }

    [Fact]
    public async Task The_address_keeps_the_search_and_the_open_page_so_reload_and_back_restore_them()
    {
        var page = await shelf.OpenAsync();
        await page.Locator("#query").FillAsync("harbour commission");
        await page.Locator("#query").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#viewer-title")).Not.ToBeEmptyAsync();
        await page.Locator("#page-image").ClickAsync();
        var opened = await page.Locator("#page-label").TextContentAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator("#page-label")).Not.ToHaveTextAsync(opened!); // the page has turned
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"[?&]doc=[0-9a-f]{16}&page=\d"));
        var title = await page.Locator("#viewer-title").TextContentAsync();
        var label = await page.Locator("#page-label").TextContentAsync();

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#query")).ToHaveValueAsync("harbour commission");
        await Assertions.Expect(page.Locator("#viewer-title")).ToHaveTextAsync(title!);
        await Assertions.Expect(page.Locator("#page-label")).ToHaveTextAsync(label!);

        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#viewer-content")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#query")).ToHaveValueAsync("harbour commission");
    }

    [Fact]
    public async Task A_bookmarked_page_opens_at_that_page_with_its_question_asked()
    {
        var first = await shelf.OpenAsync();
        await first.Locator("#query").FillAsync("breakwater");
        await first.Locator(".hit").First.ClickAsync();
        await Assertions.Expect(first).ToHaveURLAsync(new Regex("doc="));
        var address = new Uri(first.Url).PathAndQuery + "&ask=" + Uri.EscapeDataString("Where will the temporary red light be shown?");

        var page = await shelf.OpenAsync(address: address);

        await Assertions.Expect(page.Locator("#viewer-title")).ToHaveTextAsync("harbour report.pdf");
        await Assertions.Expect(page.Locator("#answer-text")).ToContainTextAsync("harbour office window");
        await Assertions.Expect(page.Locator("#query")).ToHaveValueAsync("breakwater");
    }

    [Fact]
    public async Task A_citation_copies_as_a_link_that_opens_its_page_with_the_question_answered()
    {
        var page = await shelf.OpenAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.Locator("#question").FillAsync("Where will the temporary red light be shown until the breakwater lamp is restored?");
        await page.Locator("#question").PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy a link to citation 1" }).ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("is copied");
        var link = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");

        var opened = await shelf.OpenAsync(address: new Uri(link).PathAndQuery);

        await Assertions.Expect(opened.Locator("#viewer-title")).ToHaveTextAsync("harbour report.pdf");
        await Assertions.Expect(opened.Locator("#page-label")).ToHaveTextAsync("Page 3 of 3");
        await Assertions.Expect(opened.Locator("#answer-text")).ToContainTextAsync("harbour office window");
    }

    [Fact]
    public async Task Enter_opens_the_first_hit_and_keeps_focus_on_it_and_page_keys_turn_pages_without_scrolling()
    {
        var page = await shelf.OpenAsync(height: 600);
        await page.Locator("#query").FillAsync("harbour commission");
        await Assertions.Expect(page.Locator(".hit")).Not.ToHaveCountAsync(0);
        await page.Locator("#query").PressAsync("Enter");

        await Assertions.Expect(page.Locator(".hit").First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator(".hit").Nth(1)).ToBeFocusedAsync();

        await page.Locator("#page-image").ClickAsync();
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        var before = await PageNumberAsync(page);
        await page.Keyboard.PressAsync(before == 3 ? "PageUp" : "PageDown");
        await Assertions.Expect(page.Locator("#page-label")).Not.ToHaveTextAsync($"Page {before} of 3");
        Assert.Equal(scrolled, await page.EvaluateAsync<double>("() => window.scrollY"));
    }

    [Fact]
    public async Task At_400_pixels_nothing_scrolls_sideways_and_the_viewer_is_a_view_of_its_own()
    {
        var page = await shelf.OpenAsync(width: 400, height: 800);
        await page.Locator("#query").FillAsync("warning gun");
        await Assertions.Expect(page.Locator(".hit")).Not.ToHaveCountAsync(0);
        var header = (await page.Locator("header.top").BoundingBoxAsync())!;
        Assert.True(await FitsAsync(page), "the results view scrolls sideways");
        Assert.True(header.Height < 800 / 8.0, $"the header takes {header.Height} px of 800");
        await Screenshots.SaveAsync(page, "narrow-results");

        await page.Locator(".hit").First.ClickAsync();
        await Assertions.Expect(page.Locator("#back-to-results")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".results")).ToBeHiddenAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('page-image').naturalWidth > 0");
        var image = (await page.Locator("#page-image").BoundingBoxAsync())!;
        Assert.True(image.Width > 340, $"the page is drawn {image.Width} px wide at 400");
        Assert.True(await FitsAsync(page), "the viewer scrolls sideways");
        await Screenshots.SaveAsync(page, "narrow-viewer");

        await page.Locator("#back-to-results").ClickAsync();
        await Assertions.Expect(page.Locator(".results")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1366, 860)]
    [InlineData(400, 800)]
    public async Task Axe_finds_no_violation_of_its_default_or_enhanced_rules_in_any_view(int width, int height)
    {
        var page = await shelf.OpenAsync(width, height);
        await Assertions.Expect(page.Locator("#counts")).ToContainTextAsync("Documents");
        var violations = new Dictionary<string, List<string>> { ["start"] = await Accessibility.ViolationsAsync(page) };

        await page.Locator("#query").FillAsync("harbour commission");
        await Assertions.Expect(page.Locator(".hit")).Not.ToHaveCountAsync(0);
        await page.WaitForTimeoutAsync(800); // the count is announced once typing settles
        violations["results"] = await Accessibility.ViolationsAsync(page);

        await page.Locator(".hit").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('page-image').naturalWidth > 0");
        violations["viewer"] = await Accessibility.ViolationsAsync(page);

        if (width > 720)
        {
            await page.Locator("#question").FillAsync("Where will the temporary red light be shown until the breakwater lamp is restored?");
            await page.Locator("#question").PressAsync("Enter");
            await Assertions.Expect(page.Locator("#answer-citations .cite")).Not.ToHaveCountAsync(0);
            violations["answer"] = await Accessibility.ViolationsAsync(page);
        }

        Assert.All(violations, view => Assert.True(view.Value.Count == 0, $"{view.Key}: {string.Join("; ", view.Value)}"));
    }

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth");

    private static async Task<int> PageNumberAsync(IPage page) =>
        int.Parse(PageNumber().Match((await page.Locator("#page-label").TextContentAsync())!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every text the element with <paramref name="id"/> shows, as it changes.</summary>
    private static async Task<List<string>> RecordAsync(IPage page, string id)
    {
        var lines = new List<string>();
        await page.ExposeFunctionAsync("record_" + id.Replace('-', '_'), (string line) => { lock (lines) { lines.Add(line); } });
        await page.EvaluateAsync(
            $$"""
            () => new MutationObserver(() => window.record_{{id.Replace('-', '_')}}(document.getElementById('{{id}}').textContent))
              .observe(document.getElementById('{{id}}'), { childList: true, characterData: true, subtree: true })
            """);
        return lines;
    }

    [GeneratedRegex(@"^Page (\d+) of")]
    private static partial Regex PageNumber();
}
