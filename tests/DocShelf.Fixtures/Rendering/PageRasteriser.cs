using SkiaSharp;

namespace DocShelf.Fixtures.Rendering;

/// <summary>Renders a page of text as a 300-dpi greyscale US-letter image, optionally made to look scanned.</summary>
public static class PageRasteriser
{
    public const int Dpi = 300;
    public const int Width = 8 * Dpi + (Dpi / 2);
    public const int Height = 11 * Dpi;
    private const float Margin = Dpi;
    private const float FontPoints = 12;

    public static SKBitmap Render(string pageText, ScanStyle style)
    {
        using var colour = new SKBitmap(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(colour))
        {
            canvas.Clear(SKColors.White);
            canvas.RotateDegrees(style.RotationDegrees, Width / 2f, Height / 2f);
            DrawText(canvas, pageText);
        }

        var grey = colour.Copy(SKColorType.Gray8) ?? throw new InvalidOperationException("greyscale conversion failed");
        AddSpecks(grey, style);
        return grey;
    }

    private static void DrawText(SKCanvas canvas, string pageText)
    {
        using var font = new SKFont(Fonts.Serif, FontPoints * Dpi / 72f);
        using var ink = new SKPaint { Color = new SKColor(30, 30, 30), IsAntialias = true };
        var lineHeight = font.Size * 1.45f;
        var y = Margin + font.Size;
        foreach (var line in TextLayout.Wrap(pageText, font, Width - (2 * Margin)))
        {
            canvas.DrawText(line, Margin, y, SKTextAlign.Left, font, ink);
            y += lineHeight;
        }
    }

    private static void AddSpecks(SKBitmap grey, ScanStyle style)
    {
        if (style.NoiseShare <= 0)
        {
            return;
        }

        var random = new Random(style.Seed);
        Span<byte> pixels;
        unsafe
        {
            pixels = new Span<byte>((void*)grey.GetPixels(), grey.ByteCount);
        }

        var count = (int)(pixels.Length * style.NoiseShare);
        for (var i = 0; i < count; i++)
        {
            pixels[random.Next(pixels.Length)] = random.Next(2) == 0 ? (byte)40 : (byte)235;
        }
    }
}
