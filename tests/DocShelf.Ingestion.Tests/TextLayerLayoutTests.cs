using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Fixtures.Writers;
using DocShelf.Ocr.Imaging;

namespace DocShelf.Ingestion.Tests;

/// <summary>
/// Text-layer pages laid out as real PDFs are: columns written across the page, pages turned by /Rotate, text set
/// sideways. Their words must come out in reading order, with boxes on the words of the page the viewer draws.
/// </summary>
public sealed class TextLayerLayoutTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    /// <summary>Page images are drawn at 150 dpi for the reference reading; a point is 1/72 inch.</summary>
    private const int Dpi = 150;

    private readonly IngestionHarness shelf = new();
    private readonly TempFolder scratch = new();

    [Fact]
    public async Task A_two_column_layer_written_across_the_columns_is_read_column_by_column_as_pdftotext_reads_it()
    {
        var pdf = shelf.InboxFile("two-column.pdf");
        var columns = PdfPage.InColumns(string.Join("\n\n", SampleTexts.AllPages()), 2);
        PdfWriter.Write(pdf, [columns], "Columns");

        var page = await IngestOnePageAsync(pdf);
        var reference = await Tool.RunAsync("pdftotext", pdf, "-");

        Assert.Equal(PageSource.TextLayer, page.Source);
        Assert.True(WordAccuracy.Of(columns.ReadingOrder, page.Text) >= 0.99, page.Text);
        Assert.Equal(1.0, WordAccuracy.Of(reference, page.Text));
    }

    [Theory]
    [InlineData(2, 8f)]
    [InlineData(3, 7f)]
    public async Task Justified_columns_a_narrow_gutter_apart_are_read_column_by_column_never_worse_than_pdftotext(int columns, float gutter)
    {
        var pdf = shelf.InboxFile($"justified-{columns}.pdf");
        var prose = string.Join(" ", SampleTexts.AllPages()).ReplaceLineEndings(" ");
        var pages = Enumerable.Range(0, 4)
            .Select(i => PdfWriter.LayJustified($"Proceedings of the Harbour Commission, part {i + 1}", prose[(i * 900)..], columns, gutter))
            .ToList();
        PdfWriter.Write(pdf, pages, "Justified");

        var read = await IngestPagesAsync(pdf);

        for (var i = 0; i < pages.Count; i++)
        {
            var number = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var reference = await Tool.RunAsync("pdftotext", "-f", number, "-l", number, pdf, "-");
            var ours = WordAccuracy.Of(pages[i].ReadingOrder, read[i].Text);
            var theirs = WordAccuracy.Of(pages[i].ReadingOrder, reference);
            output.WriteLine($"{columns} columns, page {number}: DocShelf {ours:0.000}, pdftotext {theirs:0.000}");
            Assert.True(ours >= 0.97, $"page {number}: {ours:0.000}\n{read[i].Text}");
            Assert.True(ours >= theirs, $"page {number}: DocShelf {ours:0.000} below pdftotext {theirs:0.000}");
        }
    }

    [Fact]
    public async Task A_table_s_columns_are_not_taken_for_columns_of_text_and_it_reads_as_pdftotext_reads_it()
    {
        var pdf = shelf.InboxFile("table.pdf");
        var rows = Enumerable.Range(1, 30)
            .Select(i => (IReadOnlyList<string>)[$"Vessel {i}", i % 2 == 0 ? "Schooner" : "Brig", $"{40 + i} tons", $"{i * 3} shillings"])
            .ToList();
        Fixtures.Hostile.HostileFiles.TablePdf(pdf, rows, [72, 200, 330, 450]);
        var reference = await Tool.RunAsync("pdftotext", pdf, "-");

        var page = await IngestOnePageAsync(pdf);

        Assert.Equal(1.0, WordAccuracy.Of(reference, page.Text));
    }

    [Fact]
    public async Task A_landscape_page_shown_upright_by_its_rotate_entry_is_read_in_the_frame_it_is_shown_in()
    {
        var stored = scratch.File("stored-sideways.pdf");
        var pdf = shelf.InboxFile("landscape.pdf");
        var text = SampleTexts.Pages("ferry-notice.txt")[0];
        PdfWriter.Write(stored, [new SidewaysPdfPage(text)], "Landscape");
        await Tool.RunAsync("qpdf", "--rotate=+90", stored, pdf);

        var page = await IngestOnePageAsync(pdf);

        Assert.Equal(0, page.Geometry.Rotation);
        Assert.Equal((792d, 612d), (page.Width, page.Height));
        Assert.True(WordAccuracy.Of(text, page.Text) >= 0.99, page.Text);
        Assert.All(page.Words, w => Assert.True(w.Box.X >= 0 && w.Box.Right <= page.Width && w.Box.Bottom <= page.Height, $"{w.Text} at {w.Box}"));
        await AssertBoxesOnWordsAsync(page, await RenderAsync(pdf, page.Geometry));
    }

    [Fact]
    public async Task An_upright_page_turned_sideways_by_its_rotate_entry_is_turned_back_to_read()
    {
        var stored = scratch.File("stored-upright.pdf");
        var pdf = shelf.InboxFile("turned.pdf");
        var text = SampleTexts.Pages("harbour-commission-report.txt")[0];
        PdfWriter.Write(stored, [PdfPage.WithText(text)], "Turned");
        await Tool.RunAsync("qpdf", "--rotate=+90", stored, pdf);

        var page = await IngestOnePageAsync(pdf);

        Assert.Equal(270, page.Geometry.Rotation);
        Assert.Equal((612d, 792d), (page.Width, page.Height));
        Assert.True(WordAccuracy.Of(text, page.Text) >= 0.99, page.Text);
        await AssertBoxesOnWordsAsync(page, await RenderAsync(pdf, page.Geometry));
    }

    [Fact]
    public async Task Text_set_sideways_is_turned_upright_in_reading_order_with_boxes_on_the_turned_page()
    {
        var pdf = shelf.InboxFile("sideways.pdf");
        var text = SampleTexts.Pages("ferry-notice.txt")[0];
        PdfWriter.Write(pdf, [new SidewaysPdfPage(text)], "Sideways");

        var page = await IngestOnePageAsync(pdf);

        Assert.Equal(90, page.Geometry.Rotation);
        Assert.Equal((792d, 612d), (page.Width, page.Height));
        Assert.True(WordAccuracy.Of(text, page.Text) >= 0.99, page.Text);
        Assert.StartsWith("Eastwick and Saltmarsh Ferry", page.Text, StringComparison.Ordinal);
        await AssertBoxesOnWordsAsync(page, await RenderAsync(pdf, page.Geometry));
    }

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void Turning_a_box_all_the_way_round_brings_it_back(int rotation)
    {
        var box = new Box(72, 100, 40, 12);
        var turned = box;
        var (width, height) = (612d, 792d);
        for (var turn = 0; turn < 4; turn++)
        {
            turned = Pdf.SidewaysText.Turn(turned, rotation, width, height);
            (width, height) = rotation == 180 ? (width, height) : (height, width);
        }

        Assert.Equal(box, turned);
    }

    public void Dispose()
    {
        shelf.Dispose();
        scratch.Dispose();
    }

    private async Task<IReadOnlyList<PageContent>> IngestPagesAsync(string pdf)
    {
        var outcome = Assert.Single((await shelf.IngestAsync(pdf)).Files);
        return shelf.Shelf.Store.PagesOf(outcome.DocumentId);
    }

    private async Task<PageContent> IngestOnePageAsync(string pdf)
    {
        var outcome = Assert.Single((await shelf.IngestAsync(pdf)).Files);
        return Assert.Single(shelf.Shelf.Store.PagesOf(outcome.DocumentId));
    }

    /// <summary>The page as pdftoppm draws it (after /Rotate), turned as DocShelf turned it for reading.</summary>
    private async Task<string> RenderAsync(string pdf, PageGeometry geometry)
    {
        var root = scratch.File("rendered");
        await Tool.RunAsync("pdftoppm", "-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", pdf, root);
        var turned = scratch.File("turned.png");
        ViewImage.Write(root + ".png", 0, turned, int.MaxValue, geometry);
        return turned;
    }

    private static async Task AssertBoxesOnWordsAsync(PageContent page, string image)
    {
        var pairs = ReferenceWords.Compare(page.Words, await ReferenceWords.ReadAsync(image, 72.0 / Dpi));

        Assert.True(pairs.Count >= 10, $"only {pairs.Count} words to compare");
        Assert.All(pairs, pair => Assert.True(pair.Distance < 4, $"'{pair.Text}' is {pair.Distance:0.0} points from where tesseract sees it"));
    }
}
