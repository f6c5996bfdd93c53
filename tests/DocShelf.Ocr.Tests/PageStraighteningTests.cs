using System.Globalization;
using System.Text.RegularExpressions;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Layouts;
using DocShelf.Fixtures.Testing;
using DocShelf.Ocr.Tesseract;
using DocShelf.Rendering;

namespace DocShelf.Ocr.Tests;

/// <summary>
/// Pages as archives hold them (columns, sideways, upside down, askew) read in order and the right way up, each
/// checked against the same page read by the plain <c>tesseract</c> command where the command reads it well.
/// </summary>
public sealed partial class PageStraighteningTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TesseractEngine engine = new("eng");

    [Fact]
    public async Task A_three_column_page_is_read_column_by_column_as_the_tesseract_command_reads_it()
    {
        var image = folder.File("three-column.png");
        var truth = ArchivePages.WritePng(ArchivePageKind.ThreeColumns, 2, image);

        var page = engine.Recognise(image, 0, 1);
        var command = await Tool.RunAsync("tesseract", image, "-");

        var accuracy = WordAccuracy.Of(truth, page.Text);
        Assert.True(accuracy >= 0.98, $"in-order word accuracy {accuracy:0.000}; read:\n{page.Text}");
        Assert.True(accuracy >= WordAccuracy.Of(truth, command) - 0.005, $"DocShelf {accuracy:0.000}, the tesseract command {WordAccuracy.Of(truth, command):0.000}");
        Assert.Equal(0, page.Geometry.Rotation);
    }

    [Theory]
    [InlineData(90, 270)]
    [InlineData(180, 180)]
    [InlineData(270, 90)]
    public void A_page_fed_in_turned_is_turned_back_and_read(int fedTurn, int expectedRotation)
    {
        var kind = ArchivePageKind.All.Single(k => k.TurnDegrees == fedTurn && k.Words is null);
        var image = folder.File($"turned-{fedTurn}.png");
        var truth = ArchivePages.WritePng(kind, 4, image);

        var page = engine.Recognise(image, 0, 1);

        var accuracy = WordAccuracy.Of(truth, page.Text);
        Assert.True(accuracy >= 0.97, $"in-order word accuracy {accuracy:0.000}; read:\n{page.Text}");
        Assert.Equal(expectedRotation, page.Geometry.Rotation);
        Assert.Equal((PageRasteriser.Width, PageRasteriser.Height), (page.Width, page.Height)); // the upright page's size
        var headline = page.Words[0];
        Assert.True(headline.Box.Y < 400, $"the headline should sit at the top of the upright page, not at y={headline.Box.Y}");
    }

    [Fact]
    public void A_page_of_text_is_turned_by_the_quick_letter_shape_test_without_tesseract_detection()
    {
        var image = folder.File("turned-180-clear.png");
        ArchivePages.WritePng(ArchivePageKind.Turned180, 9, image);

        var page = engine.Recognise(image, 0, 1);

        // A page Tesseract's detection turned would carry its margin; the quicker test that spares most pages that cost leaves none.
        Assert.Equal(180, page.Geometry.Rotation);
        Assert.Equal(0, page.Geometry.OrientationConfidence);
    }

    [Fact]
    public async Task The_turn_agrees_with_the_orientation_the_tesseract_command_detects()
    {
        var image = folder.File("turned-270.png");
        ArchivePages.WritePng(ArchivePageKind.Turned270, 6, image);

        var page = engine.Recognise(image, 0, 1);
        var osd = await Tool.RunAsync("tesseract", image, "-", "--psm", "0");

        Assert.Equal(int.Parse(RotateLine().Match(osd).Groups[1].Value, CultureInfo.InvariantCulture), page.Geometry.Rotation);
    }

    [Fact]
    public async Task An_upside_down_note_too_short_for_confident_detection_is_still_read_the_right_way_up()
    {
        var image = folder.File("short-note.png");
        var truth = ArchivePages.WritePng(ArchivePageKind.ShortNote180, 8, image);

        var osd = await Tool.RunAsync("tesseract", image, "-", "--psm", "0");
        var page = engine.Recognise(image, 0, 1);

        // Below this margin ocrmypdf --rotate-pages leaves a page as it is.
        var margin = double.Parse(ConfidenceLine().Match(osd).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(margin < OrientationPlan.SureMargin, $"the fixture should leave OSD unsure, but its margin is {margin}");
        var accuracy = WordAccuracy.Of(truth, page.Text);
        Assert.True(accuracy >= 0.97, $"in-order word accuracy {accuracy:0.000}; read:\n{page.Text}");
        Assert.Equal(180, page.Geometry.Rotation);
    }

    [Fact]
    public async Task A_page_skewed_three_degrees_is_deskewed_and_read_where_the_command_fails()
    {
        var image = folder.File("skewed.png");
        var truth = ArchivePages.WritePng(ArchivePageKind.Skewed3, 5, image);

        var page = engine.Recognise(image, 0, 1);
        var command = await Tool.RunAsync("tesseract", image, "-");

        var accuracy = WordAccuracy.Of(truth, page.Text);
        Assert.True(accuracy >= 0.97, $"in-order word accuracy {accuracy:0.000} (the command: {WordAccuracy.Of(truth, command):0.000}); read:\n{page.Text}");
        Assert.InRange(Math.Abs(page.Geometry.Skew), 2.7, 3.3);
        Assert.Equal(0, page.Geometry.Rotation);
    }

    [Fact]
    public void An_upright_straight_page_is_left_as_scanned()
    {
        var image = folder.File("upright.png");
        ArchivePages.WritePng(ArchivePageKind.SingleColumn, 0, image);

        var page = engine.Recognise(image, 0, 1);

        Assert.Equal(0, page.Geometry.Rotation);
        Assert.Equal(0, page.Geometry.Skew);
        Assert.False(page.Geometry.ChangesImage);
        Assert.True(page.MeanConfidence >= 90, $"mean confidence {page.MeanConfidence:0.0}");
    }

    [Fact]
    public void A_poor_scan_is_read_with_low_confidence_and_kept_upright()
    {
        var image = folder.File("poor.png");
        using (var scan = ArchivePages.PoorScan(3))
        {
            ImageWriter.WritePng(image, scan.Image);
        }

        var page = engine.Recognise(image, 0, 1);

        Assert.True(page.MeanConfidence < Core.Documents.PageContent.LowConfidenceThreshold, $"mean confidence {page.MeanConfidence:0.0}");
        Assert.Equal(0, page.Geometry.Rotation);
    }

    [Fact]
    public void Switching_straightening_off_reads_the_page_as_it_lies()
    {
        var image = folder.File("turned-180.png");
        ArchivePages.WritePng(ArchivePageKind.Turned180, 9, image);
        using var plain = new TesseractEngine("eng", options: new OcrOptions { DetectOrientation = false, Deskew = false });

        var page = plain.Recognise(image, 0, 1);

        Assert.Equal(Core.Documents.PageGeometry.AsScanned, page.Geometry);
        Assert.True(page.MeanConfidence < OrientationPlan.ConvincingConfidence, $"an upside-down page read as it lies scored {page.MeanConfidence:0.0}");
    }

    public void Dispose()
    {
        engine.Dispose();
        folder.Dispose();
    }

    [GeneratedRegex(@"Rotate: (\d+)")]
    private static partial Regex RotateLine();

    [GeneratedRegex(@"Orientation confidence: ([\d.]+)")]
    private static partial Regex ConfidenceLine();
}
