using System.Globalization;
using System.Text.RegularExpressions;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Layouts;
using DocShelf.Fixtures.Testing;
using DocShelf.Ocr.Imaging;
using DocShelf.Rendering;

namespace DocShelf.Ocr.Tests;

/// <summary>
/// Leptonica's letter-shape test, which spares most pages Tesseract's slower orientation detection, checked against
/// the turn <c>tesseract --psm 0</c> finds on the same page, and shown to step aside where it cannot tell.
/// </summary>
public sealed partial class TextDirectionTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Theory]
    [InlineData("single-column")]
    [InlineData("two-column")]
    [InlineData("turned-90")]
    [InlineData("turned-180")]
    [InlineData("turned-270")]
    [InlineData("skewed-3")]
    public async Task A_page_of_text_gets_the_turn_the_tesseract_command_detects(string kindName)
    {
        var image = folder.File(kindName + ".png");
        ArchivePages.WritePng(ArchivePageKind.All.Single(k => k.Name == kindName), 11, image);
        var osd = await Tool.RunAsync("tesseract", image, "-", "--psm", "0");

        using var page = RasterImage.Open(image, 0);
        var correction = TextDirection.ClearCorrection(page, page.Resolution);

        Assert.Equal(int.Parse(RotateLine().Match(osd).Groups[1].Value, CultureInfo.InvariantCulture), correction);
    }

    [Fact]
    public void A_note_of_a_dozen_words_is_left_to_tesseract()
    {
        var image = folder.File("short-note.png");
        ArchivePages.WritePng(ArchivePageKind.ShortNote180, 8, image);

        using var page = RasterImage.Open(image, 0);

        Assert.Null(TextDirection.ClearCorrection(page, page.Resolution));
    }

    [Fact]
    public void A_blank_page_with_specks_has_no_direction()
    {
        var image = folder.File("blank.png");
        using (var blank = PageRasteriser.Render("", new ScanStyle(0, 0.001, 3)))
        {
            ImageWriter.WritePng(image, blank);
        }

        using var page = RasterImage.Open(image, 0);

        Assert.Null(TextDirection.ClearCorrection(page, page.Resolution));
    }

    public void Dispose() => folder.Dispose();

    [GeneratedRegex(@"Rotate: (\d+)")]
    private static partial Regex RotateLine();
}
