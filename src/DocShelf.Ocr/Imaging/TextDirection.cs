using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Imaging;

/// <summary>
/// Leptonica's quick test of which way a page's text runs, from the shapes of Latin letters: far more of them rise
/// above the line than fall below it, upright or turned a quarter. On a page of text it is decisive and takes about
/// 25 ms, a fifth of Tesseract's quickest orientation detection; on a short note, a picture or another script it
/// gives no answer, and Tesseract decides.
/// </summary>
internal static class TextDirection
{
    /// <summary>Ink is what is darker than this (of 255): the usual threshold for scanned print on paper.</summary>
    private const int InkThreshold = 130;

    /// <summary>The test is made for 150 to 300 ppi; pages scanned finer are halved until they fall in that range.</summary>
    private const int FinestResolution = 300;

    /// <summary>At most this many halvings, which is as far as Leptonica's cascade goes.</summary>
    private const int MostHalvings = 4;

    private enum LeptonicaOrientation
    {
        Unknown = 0,
        Up = 1,
        TopsFacingLeft = 2,
        Down = 3,
        TopsFacingRight = 4,
    }

    /// <summary>The clockwise turn in degrees that sets the page upright, or null when the test is not sure.</summary>
    public static int? ClearCorrection(RasterImage page, int resolution)
    {
        using var ink = page.Binarised(InkThreshold);
        using var reduced = ink.HalvedBinary(HalvingsFor(resolution));
        if (LeptonicaNative.pixOrientDetect(reduced.Handle, out var up, out var left, 0, 0) != 0 ||
            LeptonicaNative.makeOrientDecision(up, left, 0, 0, out var found, 0) != 0)
        {
            return null;
        }

        return (LeptonicaOrientation)found switch
        {
            LeptonicaOrientation.Up => 0,
            LeptonicaOrientation.TopsFacingLeft => 90,
            LeptonicaOrientation.Down => 180,
            LeptonicaOrientation.TopsFacingRight => 270,
            _ => null,
        };
    }

    /// <summary>Halvings that bring a 300 ppi scan to 150 ppi, where the test is about four times faster and still sure.</summary>
    private static int HalvingsFor(int resolution)
    {
        var halvings = 0;
        for (var ppi = resolution; ppi >= FinestResolution && halvings < MostHalvings; ppi /= 2)
        {
            halvings++;
        }

        return halvings;
    }
}
