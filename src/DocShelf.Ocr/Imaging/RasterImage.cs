using DocShelf.Core.Pipeline;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Imaging;

/// <summary>A decoded page image held by Leptonica, freed on dispose.</summary>
internal sealed class RasterImage : IDisposable
{
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

    public void Dispose()
    {
        if (pix != IntPtr.Zero)
        {
            LeptonicaNative.pixDestroy(ref pix);
        }
    }
}
