using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Pdf;

/// <summary>
/// Finds a page's columns from where the whitespace runs down it, not from the blocks pdftotext makes: in justified
/// text the gaps between words stretch until a line's words and the gutter look alike, and pdftotext then joins lines
/// across the gutter. A gutter is a strip of the page that the words of nearly every row reaching across it leave
/// empty; a gap between two words lines up with no other. Rows of words are then read column by column, band by
/// band: a heading or figure caption that runs across the gutter ends one band and starts the next. A page with no
/// such strip, or whose strips part narrow table cells rather than running text, keeps pdftotext's order.
/// </summary>
public static class ColumnLayout
{
    /// <summary>Fewer words than this are too few to judge a layout from.</summary>
    private const int MinimumWords = 40;

    /// <summary>Rows a strip must reach across, empty, before it counts as a gutter.</summary>
    private const int MinimumRows = 6;

    /// <summary>The share of rows reaching across a gutter that may cross it: headings and captions set across the page.</summary>
    private const double CrossingShare = 0.08;

    /// <summary>A gutter's least width, in heights of a line of text.</summary>
    private const double GutterWidthInLines = 0.3;

    /// <summary>Average words a row has on each side of a gutter for the two sides to be text and not the cells of a table.</summary>
    private const double WordsPerSegment = 4;

    public static TextLayerPage Arrange(TextLayerPage page)
    {
        var words = page.Blocks.SelectMany(b => b.Words).ToList();
        if (words.Count < MinimumWords)
        {
            return page;
        }

        var rows = Rows(words);
        var lineHeight = Median(words.Select(w => w.Box.Height));
        var candidates = Gutters(rows, lineHeight);
        var gutters = candidates.Where((g, i) => PartsText(rows, g, i > 0 ? candidates[i - 1].Right : double.MinValue, i + 1 < candidates.Count ? candidates[i + 1].Left : double.MaxValue)).ToList();
        return gutters.Count == 0 ? page : page with { Blocks = Blocks(rows, gutters, lineHeight) };
    }

    /// <summary>Words in rows, top to bottom: a word joins the row whose vertical span holds its middle.</summary>
    private static List<List<TextLayerWord>> Rows(List<TextLayerWord> words)
    {
        var rows = new List<(double Top, double Bottom, List<TextLayerWord> Words)>();
        foreach (var word in words.OrderBy(w => w.Box.Y + (w.Box.Height / 2)))
        {
            var middle = word.Box.Y + (word.Box.Height / 2);
            if (rows.Count > 0 && middle >= rows[^1].Top && middle <= rows[^1].Bottom)
            {
                rows[^1].Words.Add(word);
            }
            else
            {
                rows.Add((word.Box.Y, word.Box.Bottom, [word]));
            }
        }

        return [.. rows.Select(r => r.Words.OrderBy(w => w.Box.X).ToList())];
    }

    /// <summary>Strips (left, right) of whole points that nearly every row reaching across leaves empty.</summary>
    private static List<(double Left, double Right)> Gutters(List<List<TextLayerWord>> rows, double lineHeight)
    {
        var left = (int)Math.Floor(rows.Min(r => r[0].Box.X));
        var right = (int)Math.Ceiling(rows.Max(r => r[^1].Box.Right));
        var reaching = new int[right - left + 1];
        var covered = new int[right - left + 1];
        foreach (var row in rows)
        {
            for (var x = (int)Math.Ceiling(row[0].Box.X); x <= (int)Math.Floor(row[^1].Box.Right); x++)
            {
                reaching[x - left]++;
            }

            foreach (var word in row)
            {
                for (var x = (int)Math.Floor(word.Box.X); x <= (int)Math.Ceiling(word.Box.Right); x++)
                {
                    covered[Math.Clamp(x - left, 0, covered.Length - 1)]++;
                }
            }
        }

        var gutters = new List<(double Left, double Right)>();
        var start = -1;
        for (var i = 0; i <= reaching.Length; i++)
        {
            var empty = i < reaching.Length && reaching[i] >= MinimumRows && covered[i] <= CrossingShare * reaching[i];
            if (empty && start < 0)
            {
                start = i;
            }
            else if (!empty && start >= 0)
            {
                if (i - start >= GutterWidthInLines * lineHeight)
                {
                    gutters.Add((left + start, left + i));
                }

                start = -1;
            }
        }

        return gutters;
    }

    /// <summary>
    /// Whether the rows beside a gutter read as running text: several words a row on each side, up to the next strip
    /// either way, and not the word or two of a table's cells.
    /// </summary>
    private static bool PartsText(List<List<TextLayerWord>> rows, (double Left, double Right) gutter, double leftBound, double rightBound)
    {
        var beside = rows.Where(r => !Crosses(r, gutter) && r[0].Box.X < gutter.Left && r[^1].Box.Right > gutter.Right).ToList();
        return beside.Count >= MinimumRows &&
               beside.Average(r => r.Count(w => w.Box.Right <= gutter.Left && w.Box.X >= leftBound)) >= WordsPerSegment &&
               beside.Average(r => r.Count(w => w.Box.X >= gutter.Right && w.Box.Right <= rightBound)) >= WordsPerSegment;
    }

    /// <summary>
    /// Whether a row runs across the gutter, as a heading does: a word covers its middle, or the row's words stand
    /// closer there than half the gutter's width. A ragged line that reaches a little into the gutter does not.
    /// </summary>
    private static bool Crosses(List<TextLayerWord> row, (double Left, double Right) gutter)
    {
        var middle = (gutter.Left + gutter.Right) / 2;
        for (var i = 0; i < row.Count; i++)
        {
            if (row[i].Box.X <= middle && row[i].Box.Right >= middle)
            {
                return true;
            }

            if (i + 1 < row.Count && row[i].Box.Right < middle && row[i + 1].Box.X > middle)
            {
                return row[i + 1].Box.X - row[i].Box.Right < (gutter.Right - gutter.Left) / 2;
            }
        }

        return false;
    }

    /// <summary>
    /// Blocks in reading order: rows that cross no gutter gather in bands, read a column at a time; a row that crosses
    /// one stands on its own between bands. A block ends where a column's lines open a gap wider than a line.
    /// </summary>
    private static List<TextLayerBlock> Blocks(List<List<TextLayerWord>> rows, List<(double Left, double Right)> gutters, double lineHeight)
    {
        var blocks = new List<TextLayerBlock>();
        var band = new List<List<TextLayerWord>>();
        foreach (var row in rows)
        {
            if (gutters.Any(g => Crosses(row, g)))
            {
                Flush();
                blocks.Add(new TextLayerBlock([row]));
            }
            else
            {
                band.Add(row);
            }
        }

        Flush();
        return blocks;

        void Flush()
        {
            for (var column = 0; column <= gutters.Count; column++)
            {
                var lines = band.Select(row => row.Where(w => ColumnOf(w, gutters) == column).ToList()).Where(l => l.Count > 0).ToList();
                blocks.AddRange(Paragraphs(lines, lineHeight));
            }

            band.Clear();
        }
    }

    private static int ColumnOf(TextLayerWord word, List<(double Left, double Right)> gutters) =>
        gutters.Count(g => word.Box.X + (word.Box.Width / 2) >= (g.Left + g.Right) / 2);

    private static IEnumerable<TextLayerBlock> Paragraphs(List<List<TextLayerWord>> lines, double lineHeight)
    {
        var paragraph = new List<IReadOnlyList<TextLayerWord>>();
        foreach (var line in lines)
        {
            if (paragraph.Count > 0 && line.Min(w => w.Box.Y) - paragraph[^1].Max(w => w.Box.Bottom) > lineHeight)
            {
                yield return new TextLayerBlock(paragraph);
                paragraph = [];
            }

            paragraph.Add(line);
        }

        if (paragraph.Count > 0)
        {
            yield return new TextLayerBlock(paragraph);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
