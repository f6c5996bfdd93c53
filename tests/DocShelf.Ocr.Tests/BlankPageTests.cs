using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Layouts;
using DocShelf.Ocr.Tesseract;
using DocShelf.Rendering;
using Xunit.Abstractions;

namespace DocShelf.Ocr.Tests;

/// <summary>Blank paper is told from pages with text, however little, so it is neither a scan to redo nor counted in confidence.</summary>
public sealed class BlankPageTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TesseractEngine engine = new("eng");

    [Theory]
    [InlineData(0.001, 1)]
    [InlineData(0.004, 2)]
    public void Blank_paper_with_specks_is_a_blank_page_and_not_a_scan_to_redo(double specks, int seed)
    {
        var page = Read(PageRasteriser.Render("", new ScanStyle(0.6f, specks, seed)), $"blank-{seed}.png");

        var reading = PageReading.Of(page);

        Assert.True(reading.IsBlank, $"ink {page.InkShare:0.00000}, {page.Words.Count} words");
        Assert.False(reading.IsLowConfidence);
    }

    [Fact]
    public void A_page_with_a_few_words_or_a_poor_scan_is_not_blank()
    {
        using var note = ArchivePages.Render(ArchivePageKind.ShortNote180, 3);
        using var poor = ArchivePages.PoorScan(4);
        var notePage = Read(note.Image, "note.png");
        var poorPage = Read(poor.Image, "poor.png");

        Assert.False(PageReading.Of(notePage).IsBlank, $"ink {notePage.InkShare:0.00000}");
        Assert.False(PageReading.Of(poorPage).IsBlank, $"ink {poorPage.InkShare:0.00000}");
        Assert.True(PageReading.Of(poorPage).IsLowConfidence); // still a scan to redo
        Assert.InRange(notePage.InkShare!.Value, PageReading.BlankInkShare, 1);
    }

    public void Dispose()
    {
        engine.Dispose();
        folder.Dispose();
    }

    private PageContent Read(SkiaSharp.SKBitmap image, string name)
    {
        var path = folder.File(name);
        ImageWriter.WritePng(path, image);
        var page = engine.Recognise(path, 0, 1);
        output.WriteLine($"{name}: ink {page.InkShare:0.00000}, {page.Words.Count} words, mean confidence {page.MeanConfidence:0.0}");
        return page;
    }
}
