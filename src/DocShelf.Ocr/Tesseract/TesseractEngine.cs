using System.Runtime.InteropServices;
using DocShelf.Core.Documents;
using DocShelf.Ocr.Imaging;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Tesseract;

/// <summary>
/// Reads one page image the way an archivist would: turned the right way up, straightened, then recognised with
/// automatic layout analysis so columns keep their order. Word boxes refer to the straightened image, and the page
/// records how it was straightened so a viewer can draw the same image. Not thread-safe: a
/// <see cref="TesseractEnginePool"/> gives each worker its own.
/// </summary>
public sealed class TesseractEngine : IDisposable
{
    /// <summary>Assumed when an image does not record its resolution; scans are almost always 300 dpi.</summary>
    private const int DefaultResolution = 300;

    private readonly TextRecogniser recogniser;
    private readonly OrientationDetector? detector;
    private readonly OcrOptions options;

    public TesseractEngine(string languages, string? dataPath = null, OcrOptions? options = null)
    {
        Languages = languages;
        this.options = options ?? OcrOptions.Default;
        recogniser = new TextRecogniser(languages, dataPath);
        try
        {
            detector = this.options.DetectOrientation ? new OrientationDetector(dataPath) : null;
        }
        catch
        {
            recogniser.Dispose();
            throw;
        }
    }

    public string Languages { get; }

    public static string Version => Marshal.PtrToStringUTF8(TesseractNative.TessVersion()) ?? "unknown";

    public PageContent Recognise(string imagePath, int frame, int pageNumber, CancellationToken cancellationToken = default)
    {
        using var scan = RasterImage.Open(imagePath, frame);
        return ReadUpright(scan, pageNumber, cancellationToken) with { InkShare = Math.Round(scan.InkShare(), 5) };
    }

    private PageContent ReadUpright(RasterImage scan, int pageNumber, CancellationToken cancellationToken)
    {
        var resolution = scan.Resolution > 1 ? scan.Resolution : DefaultResolution;
        if (detector is null)
        {
            return Read(scan, resolution, OrientationGuess.Unknown, pageNumber, cancellationToken);
        }

        var glance = detector.Glance(scan, resolution);
        var first = Read(scan, resolution, glance, pageNumber, cancellationToken);
        if (first.Words.Count == 0 || first.MeanConfidence >= OrientationPlan.ConvincingConfidence)
        {
            return first;
        }

        var examined = detector.Examine(scan, resolution);
        return examined.Rotation == glance.Rotation && examined.Confidence >= OrientationPlan.SureMargin
            ? first with { Geometry = first.Geometry with { OrientationConfidence = examined.Confidence } }
            : ReadOtherWays(scan, resolution, pageNumber, first, glance, examined, cancellationToken);
    }

    public void Dispose()
    {
        recogniser.Dispose();
        detector?.Dispose();
    }

    /// <summary>Reads the page in the other likely orientations and keeps the most confident reading.</summary>
    private PageContent ReadOtherWays(
        RasterImage scan, int resolution, int pageNumber, PageContent first, OrientationGuess glance, OrientationGuess examined, CancellationToken cancellationToken)
    {
        var best = first;
        foreach (var rotation in OrientationPlan.Alternatives(glance.Rotation, examined.Rotation))
        {
            var guess = new OrientationGuess(rotation, rotation == examined.Rotation ? examined.Confidence : 0);
            var reading = Read(scan, resolution, guess, pageNumber, cancellationToken);
            if (reading.MeanConfidence > best.MeanConfidence)
            {
                best = reading;
            }

            if (best.MeanConfidence >= OrientationPlan.ConvincingConfidence)
            {
                break;
            }
        }

        return best;
    }

    /// <summary>Turns the scan as <paramref name="guess"/> says, deskews it, and recognises the result.</summary>
    private PageContent Read(RasterImage scan, int resolution, OrientationGuess guess, int pageNumber, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var turned = guess.Rotation == 0 ? null : scan.Turned(guess.Rotation);
        var upright = turned ?? scan;
        var skew = 0d;
        using var straight = options.Deskew ? upright.Deskewed(out skew) : null;
        var page = recogniser.Read(straight ?? upright, resolution, pageNumber, cancellationToken);
        return page with { Geometry = new PageGeometry(guess.Rotation, skew, guess.Confidence) };
    }
}
