using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using SkiaSharp;

namespace DocShelf.Rendering;

/// <summary>Writes rendered pages as PNG or JPEG files. PNGs record their 300 dpi, as a scanner's files do.</summary>
public static class ImageWriter
{
    /// <summary>The PNG signature and the IHDR chunk, which must come first; the resolution chunk goes after them.</summary>
    private const int HeaderBytes = 8 + 25;

    private const double InchesPerMetre = 39.3701;

    public static void WritePng(string path, SKBitmap image)
    {
        using var data = Encode(path, image, SKEncodedImageFormat.Png, 100);
        var encoded = data.AsSpan();
        using var file = File.Create(path);
        file.Write(encoded[..HeaderBytes]);
        file.Write(ResolutionChunk(PageRasteriser.Dpi));
        file.Write(encoded[HeaderBytes..]);
    }

    public static void WriteJpeg(string path, SKBitmap image, int quality = 85)
    {
        using var data = Encode(path, image, SKEncodedImageFormat.Jpeg, quality);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static SKData Encode(string path, SKBitmap image, SKEncodedImageFormat format, int quality) =>
        image.Encode(format, quality) ?? throw new InvalidOperationException($"could not encode {path}");

    /// <summary>A pHYs chunk: pixels per metre on both axes, so OCR tools read the page at its true size instead of guessing.</summary>
    private static byte[] ResolutionChunk(int dpi)
    {
        var pixelsPerMetre = (uint)Math.Round(dpi * InchesPerMetre);
        var chunk = new byte[4 + 4 + 9 + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        Encoding.ASCII.GetBytes("pHYs", chunk.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), pixelsPerMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), pixelsPerMetre);
        chunk[16] = 1; // the unit is the metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc32.HashToUInt32(chunk.AsSpan(4, 13)));
        return chunk;
    }
}
