using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Fixtures.Writers;
using DocShelf.Ocr.Imaging;
using DocShelf.Ocr.Tesseract;
using DocShelf.Rendering;

namespace DocShelf.Ocr.Tests;

public class TesseractEngineTests
{
    [Fact]
    public void A_rendered_scan_is_read_at_98_percent_word_accuracy_or_better()
    {
        using var folder = new TempFolder();
        var source = SampleTexts.Pages("harbour-commission-report.txt")[0];
        var image = folder.File("scan.png");
        using (var bitmap = PageRasteriser.Render(source, ScanStyle.Office(3)))
        {
            ImageWriter.WritePng(image, bitmap);
        }

        using var engine = new TesseractEngine("eng");
        var page = engine.Recognise(image, 0, 1);

        var accuracy = WordAccuracy.Of(source, page.Text);
        Assert.True(accuracy >= 0.98, $"word accuracy {accuracy:P2}; read:\n{page.Text}");
    }

    [Fact]
    public void Cancelling_stops_recognition_inside_tesseract_and_the_engine_reads_the_next_page()
    {
        using var folder = new TempFolder();
        var image = folder.File("scan.png");
        using (var bitmap = PageRasteriser.Render(SampleTexts.Pages("ferry-notice.txt")[0], ScanStyle.Clean))
        {
            ImageWriter.WritePng(image, bitmap);
        }

        using var recogniser = new TextRecogniser("eng", dataPath: null);
        using var scan = RasterImage.Open(image, 0);

        // Only Tesseract's own monitor looks at the token here, so the page can only stop if Tesseract asked it.
        Assert.Throws<OperationCanceledException>(() => recogniser.Read(scan, 300, 1, new CancellationToken(canceled: true)));
        var page = recogniser.Read(scan, 300, 1, CancellationToken.None);
        Assert.Contains("ferry", page.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Words_carry_boxes_inside_the_page_and_offsets_into_the_text()
    {
        using var folder = new TempFolder();
        var image = folder.File("scan.png");
        using (var bitmap = PageRasteriser.Render(SampleTexts.Pages("ferry-notice.txt")[0], ScanStyle.Clean))
        {
            ImageWriter.WritePng(image, bitmap);
        }

        using var engine = new TesseractEngine("eng");
        var page = engine.Recognise(image, 0, 7);

        Assert.Equal(7, page.Number);
        Assert.Equal(PageRasteriser.Width, page.Width);
        Assert.NotEmpty(page.Words);
        Assert.All(page.Words, word =>
        {
            Assert.Equal(word.Text, page.Text.Substring(word.Start, word.Text.Length));
            Assert.InRange(word.Box.X, 0, page.Width);
            Assert.InRange(word.Box.Bottom, 0, page.Height);
            Assert.InRange(word.Confidence, 0, 100);
        });
        var ferry = page.Words.First(w => w.Text == "Ferry");
        Assert.InRange(ferry.Box.Y, 250, 450); // the title line sits just below the one-inch margin
    }

    [Fact]
    public void Each_frame_of_a_multi_page_tiff_is_read_as_its_own_page()
    {
        using var folder = new TempFolder();
        var pages = SampleTexts.Pages("parish-register-notes.txt");
        var tiff = folder.File("register.tiff");
        TiffWriter.Write(tiff, pages.Select(text => PageRasteriser.Render(text, ScanStyle.Clean)).ToList());

        using var engine = new TesseractEngine("eng");
        var second = engine.Recognise(tiff, 1, 2);

        Assert.Contains("four hundred and eighty marriages", second.Text.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.DoesNotContain("vestry chest", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_that_is_not_installed_is_refused_with_the_installed_ones_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TesseractEngine("xyz"));
        Assert.Contains("'xyz'", error.Message, StringComparison.Ordinal);
        Assert.Contains("eng", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Installed_languages_include_english_and_missing_ones_are_named()
    {
        var installed = TesseractLanguages.Find();
        Assert.Contains("eng", installed.Languages);
        Assert.DoesNotContain("osd", installed.Languages);
        Assert.True(installed.HasOrientationData);
        Assert.Equal(["xyz"], installed.Missing("eng+xyz"));
    }

    [Fact]
    public void The_pool_recognises_pages_in_parallel_with_separate_engines()
    {
        using var folder = new TempFolder();
        var texts = SampleTexts.Pages("council-minutes-1911.txt").Take(2).ToList();
        var images = texts.Select((text, i) =>
        {
            var path = folder.File($"page-{i}.png");
            using var bitmap = PageRasteriser.Render(text, ScanStyle.Clean);
            ImageWriter.WritePng(path, bitmap);
            return path;
        }).ToList();

        using var pool = new TesseractEnginePool("eng");
        var pages = images.AsParallel().AsOrdered().WithDegreeOfParallelism(2).Select((path, i) => pool.Recognise(path, 0, i + 1)).ToList();

        Assert.Contains("Gas Company", pages[0].Text, StringComparison.Ordinal);
        Assert.Contains("scarlet fever", pages[1].Text, StringComparison.Ordinal);
    }
}
