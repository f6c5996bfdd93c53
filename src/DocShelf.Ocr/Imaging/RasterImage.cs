using DocShelf.Core.Pipeline;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Imaging;

/// <summary>A decoded page image held by Leptonica, freed on dispose. Transforms return new images.</summary>
internal sealed class RasterImage : IDisposable
{
    /// <summary>pixDeskew's own reduction for the skew search: fast, and accurate to about a tenth of a degree.</summary>
    private const int SkewSearchReduction = 2;

    /// <summary>How many of the four pixels a halving merges must be ink for the result to be ink.</summary>
    private const int HalvingRank = 2;

    /// <summary>Leptonica's REMOVE_CMAP_BASED_ON_SRC: grey or RGB as the map's colours need.</summary>
    private const int RemoveColormapBySource = 4;

    private IntPtr pix;

    private RasterImage(IntPtr pix) => this.pix = pix;

    public IntPtr Handle => pix;

    public int Width => LeptonicaNative.pixGetWidth(pix);

    public int Height => LeptonicaNative.pixGetHeight(pix);

    /// <summary>Pixels per inch recorded in the file, or 0 when the file does not say.</summary>
    public int Resolution => LeptonicaNative.pixGetXRes(pix);

    /// <summary>Decodes one frame of an image file; frame 0 for single-image formats.</summary>
    public static RasterImage Open(string path, int frame)
    {
        var pix = frame == 0 ? LeptonicaNative.pixRead(path) : LeptonicaNative.pixReadTiff(path, frame);
        if (pix == IntPtr.Zero && frame == 0)
        {
            // Multi-page TIFFs whose first directory pixRead rejects can still be read frame by frame.
            pix = LeptonicaNative.pixReadTiff(path, 0);
        }

        return pix == IntPtr.Zero
            ? throw new UnreadableFileException($"the image could not be decoded (frame {frame + 1})")
            : new RasterImage(pix);
    }

    /// <summary>The image turned clockwise by a multiple of 90 degrees.</summary>
    public RasterImage Turned(int degreesClockwise) =>
        Wrap(LeptonicaNative.pixRotateOrth(pix, ((degreesClockwise / 90 % 4) + 4) % 4), "turned");

    /// <summary>The image rotated by <paramref name="degrees"/> about its centre, size kept, corners white.</summary>
    public RasterImage Rotated(double degrees) =>
        Wrap(LeptonicaNative.pixRotate(pix, (float)(degrees * Math.PI / 180), LeptonicaNative.RotateAreaMap, LeptonicaNative.BringInWhite, 0, 0), "rotated");

    /// <summary>
    /// The image deskewed as Leptonica's pixDeskew does it, and the angle it was rotated by: 0 when the skew found
    /// was too small or too unsure to act on, in which case the image is the same one, shared.
    /// </summary>
    public RasterImage Deskewed(out double angle)
    {
        var deskewed = Wrap(LeptonicaNative.pixFindSkewAndDeskew(pix, SkewSearchReduction, out var found, out _), "deskewed");
        angle = IsClone(deskewed) ? 0 : found;
        return deskewed;
    }

    /// <summary>A one-bit copy: pixels darker than <paramref name="threshold"/> (of 255) become ink.</summary>
    public RasterImage Binarised(int threshold) => Wrap(LeptonicaNative.pixConvertTo1(pix, threshold), "thresholded");

    /// <summary>
    /// A one-bit image halved <paramref name="times"/> times (at most four), each pixel ink when at least two of the
    /// four it stands for were: strokes keep their shape, where keeping any inked pixel would thicken them.
    /// </summary>
    public RasterImage HalvedBinary(int times)
    {
        int Level(int step) => times > step ? HalvingRank : 0;
        return Wrap(LeptonicaNative.pixReduceRankBinaryCascade(pix, Level(0), Level(1), Level(2), Level(3)), "reduced");
    }

    /// <summary>
    /// The image in a form JPEG holds: RGB stays RGB, a colour map becomes what it maps to, and every other depth
    /// (bilevel fax scans, 16-bit grey) becomes 8-bit grey.
    /// </summary>
    public RasterImage ForJpeg()
    {
        using var unmapped = Wrap(LeptonicaNative.pixRemoveColormap(pix, RemoveColormapBySource), "unmapped");
        return LeptonicaNative.pixGetDepth(unmapped.pix) is 8 or 32
            ? Wrap(LeptonicaNative.pixScale(unmapped.pix, 1f, 1f), "copied")
            : Wrap(LeptonicaNative.pixConvertTo8(unmapped.pix, 0), "converted to grey");
    }

    /// <summary>The share of the page that is ink: pixels darker than mid-grey, from 0 (blank paper) to 1.</summary>
    public double InkShare()
    {
        using var binary = Binarised(128);
        var area = (double)Width * Height;
        return area > 0 && LeptonicaNative.pixCountPixels(binary.Handle, out var ink, IntPtr.Zero) == 0 ? ink / area : 0;
    }

    public RasterImage Scaled(float factor) => Wrap(LeptonicaNative.pixScale(pix, factor, factor), "scaled");

    public void Dispose()
    {
        if (pix != IntPtr.Zero)
        {
            LeptonicaNative.pixDestroy(ref pix);
        }
    }

    private static RasterImage Wrap(IntPtr result, string what) =>
        result == IntPtr.Zero ? throw new UnreadableFileException($"the image could not be {what}") : new RasterImage(result);

    /// <summary>pixFindSkewAndDeskew hands back a clone (the same image, counted twice) when it leaves it as it was.</summary>
    private bool IsClone(RasterImage other) => other.pix == pix;
}
