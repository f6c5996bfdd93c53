using SkiaSharp;

namespace DocShelf.Rendering;

/// <summary>Writes rendered pages as PNG or JPEG files.</summary>
public static class ImageWriter
{
    public static void WritePng(string path, SKBitmap image) => Write(path, image, SKEncodedImageFormat.Png, 100);

    public static void WriteJpeg(string path, SKBitmap image, int quality = 85) => Write(path, image, SKEncodedImageFormat.Jpeg, quality);

    private static void Write(string path, SKBitmap image, SKEncodedImageFormat format, int quality)
    {
        using var data = image.Encode(format, quality) ?? throw new InvalidOperationException($"could not encode {path}");
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
