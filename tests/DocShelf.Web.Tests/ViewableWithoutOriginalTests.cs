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
/// A document stays viewable when its original moves, changes or sits on a disk that is not mounted: its page
/// images were kept in the data folder when it was read. Each test reads its own small shelf, since it moves files.
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
    public async Task A_page_not_kept_is_drawn_from_the_original_on_first_view_and_kept_from_then_on()
    {
        await ReadAsync();
        var page = shelf.Store.FindPage(Id(Report), 2)!;
        var kept = shelf.PageImages.PathOf(Id(Report), page);
        File.Delete(kept); // as on a shelf read before page images were kept
        using var app = Serve();

        var response = await app.CreateClient().GetAsync($"/api/documents/{Id(Report)}/pages/2/image");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(kept), await response.Content.ReadAsByteArrayAsync());
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
    public async Task A_document_that_leaves_the_shelf_takes_its_page_images_with_it()
    {
        await ReadAsync();
        var images = Path.Combine(shelf.PageImages.Root, Id(Report));
        var imagesBefore = Directory.GetFiles(images).Length;

        shelf.Writer!.Forget(Report);

        Assert.Equal(2, imagesBefore);
        Assert.False(Directory.Exists(images));
        Assert.True(Directory.Exists(Path.Combine(shelf.PageImages.Root, Id(Scan))));
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

    private ShelfApiFactory Serve() => new(shelf, new ServiceBoard(), new WebOptions { Inboxes = [folder.Folder("inbox")] });
}
