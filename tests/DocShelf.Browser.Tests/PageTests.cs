using System.Text.RegularExpressions;
using DocShelf.Fixtures.Testing;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

[Collection(ServedShelfCollection.Name)]
public sealed partial class PageTests(ServedShelf shelf)
{
    [Fact]
    public async Task Typing_shows_results_with_the_query_terms_marked()
    {
        var page = await shelf.OpenAsync();

        await page.Locator("#query").FillAsync("warning gun");

        var group = page.Locator(".group").First;
        await Assertions.Expect(group.Locator(".hit-title")).ToHaveTextAsync("lighthouse.png");
        var hit = group.Locator(".hit").First;
        await Assertions.Expect(hit.Locator(".hit-page")).ToHaveTextAsync("Page 1");
        var marked = await hit.Locator("mark").AllTextContentsAsync();
        Assert.Equal(["gun", "warning"], marked.Select(m => m.ToLowerInvariant()).Distinct().Order());
        await Screenshots.SaveAsync(page, "search");
    }

    [Fact]
    public async Task Another_site_cannot_make_the_browser_search_the_shelf()
    {
        // A page of another origin with an image whose address is a search. The browser sends the request marked
        // cross-site; the service must refuse it before any work. Chromium's own network log shows both sides.
        using var logs = new DocShelf.Fixtures.TempFolder();
        var netLog = logs.File("net-log.json");
        var search = $"{shelf.Url.TrimEnd('/')}/api/search?mode=lexical&q=harbour";
        await using (var browser = await shelf.LaunchLoggingAsync(netLog))
        {
            var page = await browser.NewPageAsync();
            await page.RouteAsync("http://elsewhere.test/**", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = $"<img src=\"{search}\">" }));
            await page.GotoAsync("http://elsewhere.test/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await browser.CloseAsync();
        }

        var log = await File.ReadAllTextAsync(netLog);
        Assert.Contains("GET /api/search?mode=lexical&q=harbour HTTP/1.1", log, StringComparison.Ordinal);
        Assert.Contains("Sec-Fetch-Site: cross-site", log, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("HTTP/1.1 403 Forbidden", log, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP/1.1 200 OK", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_hit_shows_the_page_image_with_the_hit_words_outlined()
    {
        var page = await shelf.OpenAsync();
        await page.Locator("#query").FillAsync("warning gun");
        await page.Locator(".hit").First.ClickAsync();

        var image = page.Locator("#page-image");
        await Assertions.Expect(image).ToHaveAttributeAsync("src", ImageAddress());
        await page.WaitForFunctionAsync("() => document.getElementById('page-image').naturalWidth > 0");
        var boxes = page.Locator("#page-boxes .box");
        await Assertions.Expect(boxes).Not.ToHaveCountAsync(0);
        var titles = await boxes.EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.title.toLowerCase())");
        Assert.All(titles, t => Assert.Matches("warning|gun", t));

        // Each outline lies on the image, where the word is.
        var imageBox = (await image.BoundingBoxAsync())!;
        var first = (await boxes.First.BoundingBoxAsync())!;
        Assert.InRange(first.X, imageBox.X, imageBox.X + imageBox.Width);
        Assert.InRange(first.Y, imageBox.Y, imageBox.Y + imageBox.Height);
        await Assertions.Expect(page.Locator("#original-link")).ToHaveAttributeAsync("href", new Regex("/original$"));
        await boxes.First.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "viewer");
    }

    [Fact]
    public async Task The_keyboard_alone_searches_opens_and_turns_pages()
    {
        var page = await shelf.OpenAsync();
        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync("breakwater");
        await Assertions.Expect(page.Locator(".hit")).Not.ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");

        var label = page.Locator("#page-label");
        await Assertions.Expect(label).ToHaveTextAsync(new Regex(@"^Page \d of 3$"));
        var before = await label.TextContentAsync();
        await page.Locator("#page-image").ClickAsync(); // leave the results list, as a reader does
        await page.Keyboard.PressAsync(before!.StartsWith("Page 3", StringComparison.Ordinal) ? "ArrowLeft" : "ArrowRight");
        await Assertions.Expect(label).Not.ToHaveTextAsync(before);
    }

    [Fact]
    public async Task Asking_gives_a_cited_answer_whose_citation_opens_the_page_with_the_quoted_words_outlined()
    {
        var page = await shelf.OpenAsync();

        await page.Locator("#question").FillAsync("Where will the temporary red light be shown until the breakwater lamp is restored?");
        await page.Locator("#question").PressAsync("Enter");

        await Assertions.Expect(page.Locator("#answer-text")).ToContainTextAsync("harbour office window");
        var listed = page.Locator("#answer-citations .cite").First;
        await Assertions.Expect(listed).ToHaveTextAsync("[1] harbour report.pdf, page 3");
        await page.Locator("#answer-text .cite").First.ClickAsync();

        await Assertions.Expect(page.Locator("#page-label")).ToHaveTextAsync("Page 3 of 3");
        await page.WaitForFunctionAsync("() => document.getElementById('page-image').naturalWidth > 0");
        var outlines = page.Locator("#page-boxes .box.cited");
        await Assertions.Expect(outlines).Not.ToHaveCountAsync(0);
        Assert.InRange(await outlines.CountAsync(), 5, 60); // the quoted sentence's words, not the page's
        var image = (await page.Locator("#page-image").BoundingBoxAsync())!;
        var first = (await outlines.First.BoundingBoxAsync())!;
        Assert.InRange(first.X, image.X, image.X + image.Width);
        Assert.InRange(first.Y, image.Y, image.Y + image.Height);
        await Screenshots.SaveAsync(page, "answer");
    }

    [Fact]
    public async Task Asking_about_something_not_on_the_shelf_says_so()
    {
        var page = await shelf.OpenAsync();

        await page.Locator("#question").FillAsync("Who won the football world cup in 1998?");
        await page.Locator("#ask-form button").ClickAsync();

        await Assertions.Expect(page.Locator("#answer-text")).ToHaveTextAsync("Not found on this shelf.");
        await Assertions.Expect(page.Locator("#answer-citations li")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_status_panel_shows_the_shelf_and_live_progress()
    {
        var page = await shelf.OpenAsync();

        await Assertions.Expect(page.Locator("#status-line")).ToHaveTextAsync(new Regex("^(Idle|Reading|Waiting)"));
        await Assertions.Expect(page.Locator("#counts")).ToContainTextAsync("Documents");
        await Screenshots.SaveAsync(page, "status");
    }

    [Fact]
    public async Task A_page_read_with_low_confidence_is_listed_to_redo_and_its_viewer_says_so()
    {
        var page = await shelf.OpenAsync();

        var entry = page.Locator("#rescan li");
        await Assertions.Expect(entry).ToContainTextAsync("faint notice.png, page 1");
        await entry.Locator("button").ClickAsync();

        var quality = page.Locator("#page-quality");
        await Assertions.Expect(quality).ToContainTextAsync("Low confidence");
        await Assertions.Expect(quality).ToHaveClassAsync(new Regex("warning"));
        await Assertions.Expect(page.Locator("#viewer-title")).ToHaveTextAsync("faint notice.png");
    }

    [Fact]
    public async Task A_dropped_file_is_uploaded_read_and_found()
    {
        var page = await shelf.OpenAsync();
        var statusLines = new List<string>();
        await page.ExposeFunctionAsync("recordStatus", (string line) => statusLines.Add(line));
        await page.EvaluateAsync("""
            new MutationObserver(() => window.recordStatus(document.getElementById('status-line').textContent))
              .observe(document.getElementById('status-line'), { childList: true, characterData: true, subtree: true })
            """);

        await DropFileAsync(page, "ferry-notes.txt", "The Quillbrook ferry now leaves the north slip at seven.");

        await Assertions.Expect(page.Locator("#uploads li")).ToContainTextAsync(new Regex(@"^ferry-notes\.txt(Added|Reading|Read: 1 page)"));
        Assert.True(File.Exists(Path.Combine(shelf.Inbox, "ferry-notes.txt")));
        await page.Locator("#query").FillAsync("Quillbrook");
        await Eventually.HoldsAsync(
            async () =>
            {
                await page.Locator("#query").DispatchEventAsync("input");
                await page.WaitForTimeoutAsync(300);
                // Hybrid search may list documents near in meaning after it; the one holding the word comes first.
                return await page.Locator(".hit-title").AllTextContentsAsync() is ["ferry-notes.txt", ..];
            },
            "the uploaded file is found",
            TimeSpan.FromSeconds(60));
        Assert.Contains(statusLines, line => line.StartsWith("Reading", StringComparison.Ordinal) || line.StartsWith("Waiting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_file_of_a_drop_gets_its_own_line_and_a_refused_one_does_not_stop_the_rest()
    {
        var page = await shelf.OpenAsync();
        var known = await File.ReadAllTextAsync(Path.Combine(shelf.Inbox, "known note.txt"));

        await DropFilesAsync(page, ("tide table.txt", "High water at the north slip is at ten."), ("empty.txt", ""), ("copy of a note.txt", known));

        var lines = page.Locator("#uploads li");
        await Assertions.Expect(lines).ToHaveCountAsync(3);
        await Assertions.Expect(lines.Filter(new() { HasText = "tide table.txt" })).ToContainTextAsync(new Regex("Added|Reading|Read: 1 page"));
        await Assertions.Expect(lines.Filter(new() { HasText = "empty.txt" })).ToContainTextAsync("Refused: empty.txt is empty.");
        await Assertions.Expect(lines.Filter(new() { HasText = "copy of a note.txt" })).ToContainTextAsync("Already on the shelf as known note.txt");
        Assert.True(File.Exists(Path.Combine(shelf.Inbox, "tide table.txt")));
        Assert.False(File.Exists(Path.Combine(shelf.Inbox, "copy of a note.txt")));
        await Screenshots.SaveAsync(page, "uploads");
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(400)]
    public async Task Each_added_file_is_followed_to_its_end_and_a_refusal_is_seen_at_any_width(int width)
    {
        var page = await shelf.OpenAsync(width);

        await DropFilesAsync(page, ($"pier notes {width}.txt", $"The pier at Saltmere {width} was rebuilt in oak."), ($"torn {width}.pdf", "%PDF-1.4\nthis is not really a PDF"), ("nothing.txt", ""));

        // The refusal is said over the page, where a narrow screen shows it, not only in the panel far below.
        var toast = page.Locator("#toast");
        await Assertions.Expect(toast).ToContainTextAsync("nothing.txt is empty");
        await Assertions.Expect(toast).ToBeInViewportAsync();
        var lines = page.Locator("#uploads li");
        var read = lines.Filter(new() { HasText = $"pier notes {width}.txt" });
        var torn = lines.Filter(new() { HasText = $"torn {width}.pdf" });
        await Assertions.Expect(read).ToContainTextAsync("Read: 1 page", new() { Timeout = 60_000 });
        await Assertions.Expect(torn).ToContainTextAsync("Not read: ", new() { Timeout = 60_000 });
        await Assertions.Expect(torn).ToHaveClassAsync(new Regex("refused"));
        await Assertions.Expect(toast).ToContainTextAsync($"torn {width}.pdf was not read");

        // Open goes to the document just read.
        await read.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-title")).ToHaveTextAsync($"pier notes {width}.txt");

        // The shared service is left quiet for the tests after this one: read, and embedded.
        await Assertions.Expect(page.Locator("#status-line")).ToHaveTextAsync(new Regex("^Idle"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#search-line")).Not.ToContainTextAsync("still to embed", new() { Timeout = 60_000 });
    }

    private static Task DropFileAsync(IPage page, string name, string text) => DropFilesAsync(page, (name, text));

    /// <summary>Drops files on the page as a desktop drag would, through a DataTransfer built in the page.</summary>
    private static async Task DropFilesAsync(IPage page, params (string Name, string Text)[] files)
    {
        var transfer = await page.EvaluateHandleAsync(
            """
            (files) => {
              const transfer = new DataTransfer();
              for (const [name, text] of files) transfer.items.add(new File([text], name, { type: 'text/plain' }));
              return transfer;
            }
            """,
            files.Select(f => new[] { f.Name, f.Text }).ToArray());
        await page.DispatchEventAsync("body", "dragenter", new { dataTransfer = transfer });
        await Assertions.Expect(page.Locator("#drop-zone")).ToBeVisibleAsync();
        await page.DispatchEventAsync("body", "drop", new { dataTransfer = transfer });
    }

    [GeneratedRegex(@"^/api/documents/[0-9a-f]{16}/pages/1/image$")]
    private static partial Regex ImageAddress();
}
