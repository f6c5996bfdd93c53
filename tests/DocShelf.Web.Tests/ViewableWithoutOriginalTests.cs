using System.Net;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Writers;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Watching;
using DocShelf.Rendering;
using DocShelf.Search;

namespace DocShelf.Web.Tests;

/// <summary>
/// A document stays viewable when its original moves, changes or sits on a disk that is not mounted: the file its
/// pages are drawn from was kept in the data folder when it was read, and pages are drawn from it when first viewed,
/// into a cache of bounded size. Each test reads its own small shelf, since it moves files.
/// </summary>
public sealed class ViewableWithoutOriginalTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly Shelf shelf;

    public ViewableWithoutOriginalTests() => shelf = Shelf.OpenForWriting(folder.Folder("data"));

    private string Scan => Path.Combine(folder.Folder("inbox"), "ferry notice.png");

    private string Report => Path.Combine(folder.Folder("inbox"), "report.pdf");

    [Fact]
    public async Task Every_page_is_served_after_the_originals_have_gone_and_the_original_link_says_why_it_is_not()
    {
        await ReadAsync();
        File.Move(Scan, folder.File("moved away.png"));
        File.Delete(Report);
        using var app = Serve();
        var client = app.CreateClient();

        var scanPage = await client.GetAsync($"/api/documents/{Id(Scan)}/pages/1/image");
        var pdfPages = await Task.WhenAll(Enumerable.Range(1, 2).Select(n => client.GetAsync($"/api/documents/{Id(Report)}/pages/{n}/image")));
        var original = await client.GetAsync($"/api/documents/{Id(Scan)}/original");
        var detail = await (await client.GetAsync($"/api/documents/{Id(Scan)}")).JsonAsync();

        Assert.All([scanPage, .. pdfPages], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, original.StatusCode);
        Assert.Contains("not where it was read", await original.DetailAsync(), StringComparison.Ordinal);
        Assert.True(detail.GetProperty("hasPageImages").GetBoolean());
        Assert.Contains("not where it was read", detail.GetProperty("originalProblem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_are_drawn_when_first_viewed_and_kept_until_the_cache_needs_their_room()
    {
        await ReadAsync();
        var pages = Enumerable.Range(1, 2).Select(n => shelf.PageImages.PathOf(Id(Report), shelf.Store.FindPage(Id(Report), n)!)).ToList();
        var drawnBefore = pages.Count(File.Exists);
        using var roomy = Serve();
        var first = await roomy.CreateClient().GetByteArrayAsync($"/api/documents/{Id(Report)}/pages/1/image");
        var keptAfterView = File.Exists(pages[0]);
        var again = await roomy.CreateClient().GetByteArrayAsync($"/api/documents/{Id(Report)}/pages/1/image");

        // A cache with room for one page: drawing the second lets go of the first, and the first is drawn again when asked.
        using var tight = Serve(cacheBytes: first.Length + (first.Length / 2));
        var second = await tight.CreateClient().GetAsync($"/api/documents/{Id(Report)}/pages/2/image");
        var firstAfterSecond = File.Exists(pages[0]);
        var firstAgain = await tight.CreateClient().GetByteArrayAsync($"/api/documents/{Id(Report)}/pages/1/image");

        Assert.Equal(0, drawnBefore);
        Assert.True(keptAfterView);
        Assert.Equal(first, again);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(firstAfterSecond);
        Assert.Equal(first, firstAgain);
        Assert.True(shelf.PageImages.Size().Bytes <= first.Length + (first.Length / 2));
    }

    [Fact]
    public async Task A_document_read_before_page_sources_were_kept_is_drawn_from_its_original_and_its_images_are_never_let_go()
    {
        await ReadAsync();
        using (var app = Serve())
        {
            await app.CreateClient().GetByteArrayAsync($"/api/documents/{Id(Scan)}/pages/1/image"); // as an older DocShelf drew it when reading
        }

        File.Delete(shelf.PageSources.Find(Id(Report))!);
        File.Delete(shelf.PageSources.Find(Id(Scan))!);
        using var tight = Serve(cacheBytes: 1);

        var fromOriginal = await tight.CreateClient().GetAsync($"/api/documents/{Id(Report)}/pages/2/image");
        File.Delete(Scan);
        var onlyCopy = await tight.CreateClient().GetAsync($"/api/documents/{Id(Scan)}/pages/1/image");

        Assert.Equal(HttpStatusCode.OK, fromOriginal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onlyCopy.StatusCode); // over the cache's size, but it cannot be drawn again
        Assert.True(File.Exists(shelf.PageImages.PathOf(Id(Report), shelf.Store.FindPage(Id(Report), 2)!)));
    }

    [Fact]
    public async Task An_original_whose_bytes_changed_is_not_served_but_one_only_touched_is()
    {
        await ReadAsync();
        var bytes = await File.ReadAllBytesAsync(Scan);
        File.SetLastWriteTimeUtc(Report, DateTime.UtcNow.AddMinutes(5)); // touched: same bytes, another time
        bytes[^20] ^= 0xFF; // the same size, other bytes
        await File.WriteAllBytesAsync(Scan, bytes);
        using var app = Serve();
        var client = app.CreateClient();

        var changed = await client.GetAsync($"/api/documents/{Id(Scan)}/original");
        var touched = await client.GetAsync($"/api/documents/{Id(Report)}/original");

        Assert.Equal(HttpStatusCode.NotFound, changed.StatusCode);
        Assert.Contains("changed since it was read", await changed.DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, touched.StatusCode);
    }

    [Fact]
    public async Task A_document_that_leaves_the_shelf_takes_its_page_source_and_images_with_it()
    {
        await ReadAsync();
        using (var app = Serve())
        {
            await Task.WhenAll(Enumerable.Range(1, 2).Select(n => app.CreateClient().GetByteArrayAsync($"/api/documents/{Id(Report)}/pages/{n}/image")));
        }

        var (report, scan) = (Id(Report), Id(Scan));
        var images = Path.Combine(shelf.PageImages.Root, report);
        var imagesBefore = Directory.GetFiles(images).Length;

        shelf.Writer!.Forget(Report);

        Assert.Equal(2, imagesBefore);
        Assert.False(Directory.Exists(images));
        Assert.Null(shelf.PageSources.Find(report));
        Assert.NotNull(shelf.PageSources.Find(scan));
    }

    public void Dispose()
    {
        shelf.Dispose();
        folder.Dispose();
    }

    private async Task ReadAsync()
    {
        PdfWriter.Write(Report, SampleTexts.Pages("harbour-commission-report.txt").Take(2).Select(PdfPage.WithText), "Report");
        using (var scan = PageRasteriser.Render(SampleTexts.Pages("lighthouse-keeper-log.txt")[0], ScanStyle.Office(5)))
        {
            ImageWriter.WritePng(Scan, scan);
        }

        using var chain = IngestionChain.Create(shelf, new IngestionOptions());
        await chain.Runner.RunAsync([Scan, Report], new SilentObserver(), CancellationToken.None);
    }

    private string Id(string path) => shelf.Store.AllDocuments().Single(d => d.Paths.Contains(path)).Id;

    private ShelfApiFactory Serve(long cacheBytes = WebOptions.DefaultPageImageCacheMegabytes << 20) =>
        new(shelf, new ServiceBoard(), new WebOptions { Inboxes = [folder.Folder("inbox")], PageImageCacheBytes = cacheBytes });
}
