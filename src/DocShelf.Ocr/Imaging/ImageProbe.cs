using DocShelf.Core.Pipeline;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Imaging;

/// <summary>Reads an image's size and frame count from its header, without decoding the pixels.</summary>
public static class ImageProbe
{
    public static (int Width, int Height) ReadSize(string path)
    {
        var status = LeptonicaNative.pixReadHeader(path, out _, out var width, out var height, out _, out _, out _);
        return status != 0 || width <= 0 || height <= 0
            ? throw new UnreadableFileException("the image header could not be read")
            : (width, height);
    }

    /// <summary>Number of pages in a TIFF file.</summary>
    public static int CountTiffFrames(string path)
    {
        var file = LeptonicaNative.fopen(path, "rb");
        if (file == IntPtr.Zero)
        {
            throw new UnreadableFileException("the TIFF file could not be opened");
        }

        try
        {
            return LeptonicaNative.tiffGetCount(file, out var count) != 0 || count <= 0
                ? throw new UnreadableFileException("the TIFF file holds no readable pages")
                : count;
        }
        finally
        {
            _ = LeptonicaNative.fclose(file);
        }
    }
}
