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
    private const float Gutter = 24;
    private const float LineSpacing = 1.4f;

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
                case ColumnPdfPage columns:
                    DrawColumns(canvas, columns.Columns);
                    break;
                case JustifiedColumnPdfPage justified:
                    DrawJustified(canvas, justified);
                    break;
                case SidewaysPdfPage sideways:
                    DrawSideways(canvas, sideways.Text);
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
            y += font.Size * LineSpacing;
        }
    }

    /// <summary>Wraps text into columns of the page, each as many lines as fit; what is left over is dropped.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> LayColumns(string text, int columns)
    {
        using var font = new SKFont(Fonts.Serif, FontPoints);
        var lines = TextLayout.Wrap(text, font, ColumnWidth(columns)).Where(line => line.Length > 0).ToList();
        var perColumn = (int)((PageHeight - (2 * Margin)) / (font.Size * LineSpacing));
        return Enumerable.Range(0, columns)
            .Select(column => (IReadOnlyList<string>)lines.Skip(column * perColumn).Take(perColumn).ToList())
            .Where(column => column.Count > 0)
            .ToList();
    }

    private static float ColumnWidth(int columns, float gutter = Gutter) => (PageWidth - (2 * Margin) - ((columns - 1) * gutter)) / columns;

    /// <summary>
    /// A heading across the page, then <paramref name="text"/> in <paramref name="columns"/> justified columns
    /// <paramref name="gutter"/> points apart, each as many lines as fit.
    /// </summary>
    public static JustifiedColumnPdfPage LayJustified(string heading, string text, int columns, float gutter)
    {
        using var font = new SKFont(Fonts.Serif, FontPoints);
        var lines = TextLayout.Wrap(text, font, ColumnWidth(columns, gutter)).Where(line => line.Length > 0).ToList();
        var perColumn = (int)((PageHeight - (2 * Margin) - (3 * font.Size)) / (font.Size * LineSpacing));
        return new JustifiedColumnPdfPage(
            heading,
            [.. Enumerable.Range(0, columns).Select(c => (IReadOnlyList<string>)lines.Skip(c * perColumn).Take(perColumn).ToList()).Where(c => c.Count > 0)],
            gutter);
    }

    private static void DrawJustified(SKCanvas canvas, JustifiedColumnPdfPage page)
    {
        using var font = new SKFont(Fonts.Serif, FontPoints);
        using var heading = new SKFont(Fonts.Serif, FontPoints * 1.6f);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(page.Heading, Margin, Margin + heading.Size, SKTextAlign.Left, heading, ink);
        var top = Margin + (3 * font.Size) + font.Size;
        var width = ColumnWidth(page.Columns.Count, page.Gutter);
        for (var column = 0; column < page.Columns.Count; column++)
        {
            var left = Margin + (column * (width + page.Gutter));
            for (var line = 0; line < page.Columns[column].Count; line++)
            {
                var words = page.Columns[column][line].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var spare = width - words.Sum(w => font.MeasureText(w));
                var gap = words.Length > 1 ? spare / (words.Length - 1) : 0;
                var x = left;
                foreach (var word in words)
                {
                    canvas.DrawText(word, x, top + (line * font.Size * LineSpacing), SKTextAlign.Left, font, ink);
                    x += font.MeasureText(word) + gap;
                }
            }
        }
    }

    private static void DrawColumns(SKCanvas canvas, IReadOnlyList<IReadOnlyList<string>> columns)
    {
        using var font = new SKFont(Fonts.Serif, FontPoints);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var width = ColumnWidth(columns.Count);
        for (var line = 0; line < columns.Max(c => c.Count); line++)
        {
            for (var column = 0; column < columns.Count; column++)
            {
                if (line < columns[column].Count)
                {
                    var x = Margin + (column * (width + Gutter));
                    canvas.DrawText(columns[column][line], x, Margin + font.Size + (line * font.Size * LineSpacing), SKTextAlign.Left, font, ink);
                }
            }
        }
    }

    /// <summary>Sets the text as on a landscape page, then turns it a quarter turn anticlockwise onto the portrait page.</summary>
    private static void DrawSideways(SKCanvas canvas, string text)
    {
        using var font = new SKFont(Fonts.Serif, FontPoints);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.Save();
        canvas.Translate(0, PageHeight);
        canvas.RotateDegrees(-90);
        var y = Margin + font.Size;
        foreach (var line in TextLayout.Wrap(text, font, PageHeight - (2 * Margin)))
        {
            canvas.DrawText(line, Margin, y, SKTextAlign.Left, font, ink);
            y += font.Size * LineSpacing;
        }

        canvas.Restore();
    }

    /// <summary>Embeds the scan as JPEG, as scanners do, so the PDF stays small.</summary>
    private static void DrawScan(SKCanvas canvas, SKBitmap image)
    {
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        using var jpeg = SKImage.FromEncodedData(encoded);
        canvas.DrawImage(jpeg, new SKRect(0, 0, PageWidth, PageHeight), new SKSamplingOptions(SKFilterMode.Linear));
    }
}
