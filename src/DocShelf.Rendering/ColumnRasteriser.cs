using SkiaSharp;

namespace DocShelf.Rendering;

/// <summary>
/// Sets prose in columns under a headline that spans them, as journals, newsletters and magazines are set, on a
/// 300-dpi US-letter page. Lines are read down the first column, then the next: the order a reading must keep.
/// </summary>
public static class ColumnRasteriser
{
    private const float Margin = PageRasteriser.Dpi * 0.75f;
    private const float Gutter = PageRasteriser.Dpi * 0.3f;
    private const float HeadlinePoints = 20;
    private const float LineSpacing = 1.35f;

    /// <summary>Fills the page with as much of <paramref name="prose"/> as fits; the result says what was set.</summary>
    public static RenderedPage Render(string headline, string prose, int columns, ScanStyle style, float fontPoints = 10)
    {
        using var font = new SKFont(Fonts.Serif, Pixels(fontPoints));
        using var headlineFont = new SKFont(Fonts.Serif, Pixels(HeadlinePoints));
        var columnWidth = (PageRasteriser.Width - (2 * Margin) - ((columns - 1) * Gutter)) / columns;
        var top = Margin + (headlineFont.Size * 2.2f);
        var linesPerColumn = (int)((PageRasteriser.Height - Margin - top) / (font.Size * LineSpacing));
        var columnLines = FillColumns(TextLayout.Wrap(prose, font, columnWidth), columns, linesPerColumn);

        using var colour = new SKBitmap(PageRasteriser.Width, PageRasteriser.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(colour))
        using (var ink = new SKPaint { Color = new SKColor(30, 30, 30), IsAntialias = true })
        {
            canvas.Clear(SKColors.White);
            canvas.RotateDegrees(style.RotationDegrees, PageRasteriser.Width / 2f, PageRasteriser.Height / 2f);
            canvas.DrawText(headline, Margin, Margin + headlineFont.Size, SKTextAlign.Left, headlineFont, ink);
            for (var column = 0; column < columnLines.Count; column++)
            {
                var x = Margin + (column * (columnWidth + Gutter));
                for (var line = 0; line < columnLines[column].Count; line++)
                {
                    canvas.DrawText(columnLines[column][line], x, top + font.Size + (line * font.Size * LineSpacing), SKTextAlign.Left, font, ink);
                }
            }
        }

        var text = string.Join("\n\n", [headline, .. columnLines.Select(lines => string.Join('\n', lines))]);
        return new RenderedPage(ScanEffects.Scan(colour, style), text);
    }

    private static float Pixels(float points) => points * PageRasteriser.Dpi / 72f;

    /// <summary>Deals wrapped lines into columns top to bottom; a paragraph gap never opens a column.</summary>
    private static List<List<string>> FillColumns(IReadOnlyList<string> lines, int columns, int linesPerColumn)
    {
        var filled = new List<List<string>>();
        var next = 0;
        for (var column = 0; column < columns && next < lines.Count; column++)
        {
            while (next < lines.Count && lines[next].Length == 0)
            {
                next++;
            }

            var take = Math.Min(linesPerColumn, lines.Count - next);
            filled.Add(lines.Skip(next).Take(take).ToList());
            next += take;
        }

        return filled;
    }
}
