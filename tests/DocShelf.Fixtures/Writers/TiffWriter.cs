using System.Runtime.InteropServices;
using DocShelf.Rendering;
using SkiaSharp;

namespace DocShelf.Fixtures.Writers;

/// <summary>
/// Writes multi-page TIFFs through Leptonica (already on the machine with Tesseract), since Skia cannot write TIFF.
/// Each page goes through a temporary PNG and is appended as an LZW-compressed 300-dpi frame.
/// </summary>
public static partial class TiffWriter
{
    private const int TiffLzw = 9;

    public static void Write(string path, IReadOnlyList<SKBitmap> pages)
    {
        File.Delete(path);
        var temporary = Path.Combine(Path.GetTempPath(), $"docshelf-tiff-{Guid.NewGuid():N}.png");
        try
        {
            for (var i = 0; i < pages.Count; i++)
            {
                ImageWriter.WritePng(temporary, pages[i]);
                AppendFrame(path, temporary, i == 0 ? "w" : "a");
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void AppendFrame(string tiffPath, string pngPath, string mode)
    {
        var pix = pixRead(pngPath);
        if (pix == IntPtr.Zero)
        {
            throw new InvalidOperationException($"Leptonica could not read {pngPath}");
        }

        try
        {
            _ = pixSetResolution(pix, 300, 300);
            if (pixWriteTiff(tiffPath, pix, TiffLzw, mode) != 0)
            {
                throw new InvalidOperationException($"Leptonica could not write {tiffPath}");
            }
        }
        finally
        {
            pixDestroy(ref pix);
        }
    }

    [LibraryImport("liblept.so.5", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr pixRead(string filename);

    [LibraryImport("liblept.so.5", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int pixWriteTiff(string filename, IntPtr pix, int comptype, string modestr);

    [LibraryImport("liblept.so.5")]
    private static partial int pixSetResolution(IntPtr pix, int xres, int yres);

    [LibraryImport("liblept.so.5")]
    private static partial void pixDestroy(ref IntPtr pix);
}
