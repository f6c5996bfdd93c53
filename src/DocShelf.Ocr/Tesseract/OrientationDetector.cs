using System.Globalization;
using DocShelf.Ocr.Imaging;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Tesseract;

/// <summary>
/// Tesseract's orientation and script detection (osd.traineddata, as <c>tesseract --psm 0</c> loads it) on an engine
/// of its own. Detection classifies sample characters in all four orientations, and its cost grows with the number
/// sampled: a quick look samples few on a half-size image, a thorough one samples Tesseract's default on the page.
/// </summary>
internal sealed class OrientationDetector : IDisposable
{
    /// <summary>Characters a quick look samples: enough to pick the orientation of a page of text, at about a quarter of the cost.</summary>
    private const int QuickSample = 10;

    /// <summary>Tesseract's own default for <c>min_characters_to_try</c>.</summary>
    private const int ThoroughSample = 50;

    private readonly TesseractHandle api;

    public OrientationDetector(string? dataPath) =>
        api = TesseractHandle.Open(dataPath, TesseractLanguages.OrientationData) ?? throw new InvalidOperationException(
            "Tesseract could not load its orientation data (osd.traineddata). Install it with: apt-get install tesseract-ocr-osd");

    /// <summary>
    /// A cheap first look: Leptonica's letter-shape test where it is sure, which on a page of text it is, and
    /// otherwise OSD on a half-size copy of the page. The reading that follows checks either.
    /// </summary>
    public OrientationGuess Glance(RasterImage page, int resolution)
    {
        if (TextDirection.ClearCorrection(page, resolution) is { } correction)
        {
            return new OrientationGuess(correction, 0);
        }

        using var half = page.Scaled(0.5f);
        return Detect(half, resolution / 2, QuickSample);
    }

    /// <summary>The full detection <c>tesseract --psm 0</c> runs, for pages whose first reading was poor.</summary>
    public OrientationGuess Examine(RasterImage page, int resolution) => Detect(page, resolution, ThoroughSample);

    public void Dispose() => api.Dispose();

    private OrientationGuess Detect(RasterImage image, int resolution, int sample)
    {
        api.SetVariable("min_characters_to_try", sample.ToString(CultureInfo.InvariantCulture));
        TesseractNative.TessBaseAPISetImage2(api.Value, image.Handle);
        TesseractNative.TessBaseAPISetSourceResolution(api.Value, resolution);
        try
        {
            // OSD reports how far the image is turned clockwise; the correction turns it back the rest of the way.
            return TesseractNative.TessBaseAPIDetectOrientationScript(api.Value, out var turned, out var confidence, out _, out _) != 0
                ? new OrientationGuess((360 - turned) % 360, confidence)
                : OrientationGuess.Unknown;
        }
        finally
        {
            TesseractNative.TessBaseAPIClear(api.Value);
        }
    }
}
