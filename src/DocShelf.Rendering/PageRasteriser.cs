using SkiaSharp;

namespace DocShelf.Rendering;

/// <summary>Renders a page of text as a 300-dpi greyscale US-letter image, optionally made to look scanned.</summary>
public static class PageRasteriser
{
    public const int Dpi = 300;
    public const int Width = 8 * Dpi + (Dpi / 2);
    public const int Height = 11 * Dpi;
    private const float Margin = Dpi;
    private const float FontPoints = 12;

    /// <summary>Renders in 12-point type, or smaller (down to 8) when the text would not fit on one page at 12.</summary>
    public static SKBitmap RenderFitted(string pageText, ScanStyle style)
    {
        var points = FontPoints;
        while (points > 8 && !Fits(pageText, points))
        {
            points--;
        }

        return Render(pageText, style, points);
    }

    public static SKBitmap Render(string pageText, ScanStyle style, float fontPoints = FontPoints)
    {
        using var colour = new SKBitmap(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(colour))
        {
            canvas.Clear(SKColors.White);
            canvas.RotateDegrees(style.RotationDegrees, Width / 2f, Height / 2f);
            DrawText(canvas, pageText, fontPoints);
        }

        return ScanEffects.Scan(colour, style);
    }

    private static bool Fits(string pageText, float fontPoints)
    {
        using var font = new SKFont(Fonts.Serif, fontPoints * Dpi / 72f);
        var lines = TextLayout.Wrap(pageText, font, Width - (2 * Margin)).Count;
        return Margin + (lines * font.Size * 1.45f) <= Height - Margin;
    }

    private static void DrawText(SKCanvas canvas, string pageText, float fontPoints)
    {
        using var font = new SKFont(Fonts.Serif, fontPoints * Dpi / 72f);
        using var ink = new SKPaint { Color = new SKColor(30, 30, 30), IsAntialias = true };
        var lineHeight = font.Size * 1.45f;
        var y = Margin + font.Size;
        foreach (var line in TextLayout.Wrap(pageText, font, Width - (2 * Margin)))
        {
            canvas.DrawText(line, Margin, y, SKTextAlign.Left, font, ink);
            y += lineHeight;
        }
    }
}
