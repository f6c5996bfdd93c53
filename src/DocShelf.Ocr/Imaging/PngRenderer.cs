using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Imaging;

/// <summary>
/// Turns one frame of a page image (PNG, JPEG or TIFF) into a PNG a browser can show: straightened as it was for
/// reading, so word boxes land on their words, and scaled down to a screen's width.
/// </summary>
public static class PngRenderer
{
    /// <summary>Leptonica's IFF_PNG.</summary>
    private const int PngFormat = 3;

    /// <param name="frame">0-based frame; TIFF files hold one page per frame.</param>
    /// <param name="geometry">How the page was turned and deskewed before it was read.</param>
    public static void Render(string source, int frame, string target, int maxWidth, PageGeometry geometry)
    {
        using var scan = RasterImage.Open(source, frame);
        using var upright = scan.Turned(geometry.Rotation);
        using var deskewed = geometry.Skew == 0 ? null : upright.Rotated(geometry.Skew);
        var straight = deskewed ?? upright;
        using var scaled = straight.Scaled(straight.Width > maxWidth ? (float)maxWidth / straight.Width : 1f);
        if (LeptonicaNative.pixWrite(target, scaled.Handle, PngFormat) != 0)
        {
            throw new IOException($"could not write {target}");
        }
    }
}
