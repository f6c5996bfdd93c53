using DocShelf.Core.Documents;
using DocShelf.Core.Reading;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Writers;
using DocShelf.Ingestion.PageImages;
using DocShelf.Ingestion.Pdf;
using DocShelf.Ingestion.Tools;
using DocShelf.Ocr.Imaging;
using DocShelf.Search.Store;

namespace DocShelf.Ingestion.Tests;

/// <summary>The viewer's page images of PDFs, drawn by pdftoppm a run of pages at a time.</summary>
public sealed class PageImageRendererTests : IDisposable
{
    private const string Id = "0123456789abcdef";

    private readonly TempFolder folder = new();
    private readonly PageImageFolder images;
    private readonly PageImageRenderer renderer;

    public PageImageRendererTests()
    {
        images = new PageImageFolder(folder.Folder("data"));
        renderer = new PageImageRenderer(images, folder.Folder("scratch"), ToolLimits.Default);
    }

    [Fact]
    public async Task Every_page_asked_for_is_drawn_once_a_turned_page_as_it_was_read()
    {
        var pdf = folder.File("twelve pages.pdf");
        PdfWriter.Write(pdf, Enumerable.Range(1, 12).Select(n => PdfPage.WithText($"Page {n} of the harbour minutes.")), "Minutes");
        List<PageContent> pages = [.. Enumerable.Range(1, 12).Select(n => Page(n, n == 7 ? new PageGeometry(180, 0, 8) : PageGeometry.AsScanned))];

        var drawn = await renderer.DrawAsync(Id, new PageDrawing(FileKind.Pdf, pdf), pages, CancellationToken.None);
        var times = pages.Select(p => File.GetLastWriteTimeUtc(images.PathOf(Id, p))).ToList();
        var again = await renderer.DrawAsync(Id, new PageDrawing(FileKind.Pdf, pdf), pages, CancellationToken.None);

        Assert.Equal((12, 12), (drawn, again));
        Assert.All(pages, p => Assert.Equal(PageImageRenderer.Width, ImageProbe.ReadSize(images.PathOf(Id, p)).Width));
        Assert.EndsWith("7-turned-180-skew-0.000.jpg", images.PathOf(Id, pages[6]), StringComparison.Ordinal);
        Assert.Equal(times, pages.Select(p => File.GetLastWriteTimeUtc(images.PathOf(Id, p))));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Folder("scratch")));
    }

    [Fact]
    public async Task A_file_pdftoppm_cannot_draw_leaves_no_image_and_no_error()
    {
        var broken = folder.File("broken.pdf");
        await File.WriteAllTextAsync(broken, "%PDF-1.4\nnot really a PDF");

        var drawn = await renderer.DrawAsync(Id, new PageDrawing(FileKind.Pdf, broken), [Page(1, PageGeometry.AsScanned)], CancellationToken.None);

        Assert.Equal(0, drawn);
        Assert.Empty(Directory.GetFiles(Path.Combine(images.Root, Id)));
    }

    public void Dispose() => folder.Dispose();

    private static PageContent Page(int number, PageGeometry geometry) =>
        new() { Number = number, Source = PageSource.TextLayer, Text = "", Geometry = geometry };
}
