using SkiaSharp;

namespace DocShelf.Rendering;

/// <summary>What a scanner does to a page after it is set: greyscale, specks of dirt, and the way it was fed in.</summary>
internal static class ScanEffects
{
    /// <summary>Turns a colour page into the scanned greyscale image, with specks and the feed turn of <paramref name="style"/>.</summary>
    public static SKBitmap Scan(SKBitmap colour, ScanStyle style)
    {
        var grey = colour.Copy(SKColorType.Gray8) ?? throw new InvalidOperationException("greyscale conversion failed");
        AddSpecks(grey, style);
        if (style.TurnDegrees % 360 == 0)
        {
            return grey;
        }

        using (grey)
        {
            return Turn(grey, style.TurnDegrees);
        }
    }

    private static SKBitmap Turn(SKBitmap page, int degreesClockwise)
    {
        var sideways = degreesClockwise % 180 != 0;
        var turned = new SKBitmap(sideways ? page.Height : page.Width, sideways ? page.Width : page.Height, page.ColorType, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(turned);
        canvas.Clear(SKColors.White);
        canvas.Translate(turned.Width / 2f, turned.Height / 2f);
        canvas.RotateDegrees(degreesClockwise);
        canvas.DrawBitmap(page, -page.Width / 2f, -page.Height / 2f);
        return turned;
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
