using DocShelf.Rendering;
using SkiaSharp;

namespace DocShelf.Fixtures.Writers;

/// <summary>Writes US-letter PDFs with Skia: text pages carry a real text layer, scanned pages only a JPEG image.</summary>
public static class PdfWriter
{
    private const float PageWidth = 612;
    private const float PageHeight = 792;
    private const float Margin = 72;
    private const float FontPoints = 11;

    /// <summary>A fixed date, so regenerating the sample shelf gives the same bytes.</summary>
    private static readonly DateTime FixedDate = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static void Write(string path, IEnumerable<PdfPage> pages, string title)
    {
        using var stream = File.Create(path);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = title,
            Creator = "DocShelf fixtures",
            Creation = FixedDate,
            Modified = FixedDate,
            RasterDpi = PageRasteriser.Dpi,
            EncodingQuality = 85,
        };
        using var document = SKDocument.CreatePdf(stream, metadata);
        foreach (var page in pages)
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            switch (page)
            {
                case TextPdfPage text:
                    DrawText(canvas, text.Text);
                    break;
                case ScannedPdfPage scan:
                    DrawScan(canvas, scan.Image);
                    break;
            }

            document.EndPage();
        }

        document.Close();
    }

    private static void DrawText(SKCanvas canvas, string text)
    {
        using var font = new SKFont(Fonts.Serif, FontPoints);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var y = Margin + font.Size;
        foreach (var line in TextLayout.Wrap(text, font, PageWidth - (2 * Margin)))
        {
            canvas.DrawText(line, Margin, y, SKTextAlign.Left, font, ink);
            y += font.Size * 1.4f;
        }
    }

    /// <summary>Embeds the scan as JPEG, as scanners do, so the PDF stays small.</summary>
    private static void DrawScan(SKCanvas canvas, SKBitmap image)
    {
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        using var jpeg = SKImage.FromEncodedData(encoded);
        canvas.DrawImage(jpeg, new SKRect(0, 0, PageWidth, PageHeight), new SKSamplingOptions(SKFilterMode.Linear));
    }
}
