using DocShelf.Fixtures;
using DocShelf.Fixtures.Layouts;
using DocShelf.Fixtures.Testing;
using DocShelf.Fixtures.Writers;
using DocShelf.Rendering;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

/// <summary>
/// The real service on a small inbox (a born-digital PDF, a scanned PNG, a faint scan read with low confidence and a
/// short note),
/// and Debian's chromium driven by Playwright. Playwright cannot download a browser here, so it launches the system's.
/// </summary>
public sealed class ServedShelf : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempFolder folder = new();
    private ServiceProcess? service;
    private IPlaywright? playwright;

    public string Inbox => folder.Folder("inbox");

    public string Url { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PdfWriter.Write(Path.Combine(Inbox, "harbour report.pdf"), SampleTexts.Pages("harbour-commission-report.txt").Select(PdfPage.WithText), "Harbour");
        using (var scan = PageRasteriser.Render(SampleTexts.Pages("lighthouse-keeper-log.txt")[0], ScanStyle.Office(5)))
        {
            ImageWriter.WritePng(Path.Combine(Inbox, "lighthouse.png"), scan);
        }

        using (var faint = ArchivePages.PoorScan(3))
        {
            ImageWriter.WritePng(Path.Combine(Inbox, "faint notice.png"), faint.Image);
        }

        await File.WriteAllTextAsync(Path.Combine(Inbox, "known note.txt"), "The lamp room key hangs behind the office door.");
        service = ServiceProcess.Start(folder.File("data"), Inbox);
        Url = await service.WebUrlAsync();
        await Eventually.HoldsAsync(() => service.Status() is { QueueDepth: 0, Settling: 0, InProgress.Count: 0, Shelf.Files.Indexed: 4 }, "every file is indexed");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
    }

    /// <summary>
    /// A second browser that records what it sends and receives in Chromium's network log at
    /// <paramref name="netLog"/> (written when it closes), and that lacks Chromium's checks on requests from web sites
    /// to this machine, so it sends them as browsers without such checks do: what the service must then refuse.
    /// </summary>
    public Task<IBrowser> LaunchLoggingAsync(string netLog) => playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", $"--log-net-log={netLog}", "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests"],
    });

    /// <summary>A fresh page opened on the shelf, at a laptop's screen size unless told another.</summary>
    /// <param name="address">The part of the address after the host, such as a bookmarked "?q=…&amp;doc=…".</param>
    public async Task<IPage> OpenAsync(int width = 1366, int height = 860, string address = "")
    {
        // The page's Content-Security-Policy refuses inline scripts; the tests lift it only to put axe-core in.
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BypassCSP = true });
        await page.GotoAsync(Url.TrimEnd('/') + "/" + address.TrimStart('/'));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        service?.Dispose();
        folder.Dispose();
    }
}
