using DocShelf.Core.Pipeline;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Imaging;

/// <summary>Turns one frame of a scanned image (PNG, JPEG or TIFF) into a PNG a browser can show, scaled down to a screen's width.</summary>
public static class PngRenderer
{
    /// <summary>Leptonica's IFF_PNG.</summary>
    private const int PngFormat = 3;

    /// <param name="frame">0-based frame; TIFF files hold one page per frame.</param>
    public static void Render(string source, int frame, string target, int maxWidth)
    {
        using var image = RasterImage.Open(source, frame);
        var scale = image.Width > maxWidth ? (float)maxWidth / image.Width : 1f;
        var scaled = LeptonicaNative.pixScale(image.Handle, scale, scale);
        if (scaled == IntPtr.Zero)
        {
            throw new UnreadableFileException("the image could not be scaled");
        }

        try
        {
            if (LeptonicaNative.pixWrite(target, scaled, PngFormat) != 0)
            {
                throw new IOException($"could not write {target}");
            }
        }
        finally
        {
            LeptonicaNative.pixDestroy(ref scaled);
        }
    }
}
