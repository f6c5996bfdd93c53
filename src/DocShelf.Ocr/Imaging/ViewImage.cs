using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Imaging;

/// <summary>
/// Turns one frame of a page image (PNG, JPEG or TIFF) into an image a browser shows: straightened as it was for
/// reading, so word boxes land on their words, and scaled down to a screen's width. A target ending in ".jpg" is
/// written as JPEG, which keeps a scan at a fifth of a PNG's size; any other as PNG.
/// </summary>
public static class ViewImage
{
    /// <summary>Leptonica's IFF_PNG.</summary>
    private const int PngFormat = 3;

    /// <summary>Text stays crisp at this quality on a page 1,400 pixels wide, at about 100 KB a page.</summary>
    public const int JpegQuality = 80;

    /// <param name="frame">0-based frame; TIFF files hold one page per frame.</param>
    /// <param name="geometry">How the page was turned and deskewed before it was read.</param>
    public static void Write(string source, int frame, string target, int maxWidth, PageGeometry geometry)
    {
        using var scan = RasterImage.Open(source, frame);

        // Scaled first, so turning and deskewing work on a screen's pixels rather than a 300-dpi scan's: the same
        // picture at a quarter of the cost. A quarter turn makes the scan's height the page's width.
        var width = geometry.Rotation % 180 == 0 ? scan.Width : scan.Height;
        using var scaled = scan.Scaled(width > maxWidth ? (float)maxWidth / width : 1f);
        using var upright = scaled.Turned(geometry.Rotation);
        using var deskewed = geometry.Skew == 0 ? null : upright.Rotated(geometry.Skew);
        var straight = deskewed ?? upright;
        if (!target.EndsWith(".jpg", StringComparison.Ordinal))
        {
            Check(LeptonicaNative.pixWrite(target, straight.Handle, PngFormat), target);
            return;
        }

        using var writable = straight.ForJpeg();
        Check(LeptonicaNative.pixWriteJpeg(target, writable.Handle, JpegQuality, 0), target);
    }

    private static void Check(int result, string target)
    {
        if (result != 0)
        {
            throw new IOException($"could not write {target}");
        }
    }
}
