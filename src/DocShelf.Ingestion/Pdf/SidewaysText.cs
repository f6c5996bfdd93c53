using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Pdf;

/// <summary>
/// Turns a text layer whose text runs up, down or upside down (a wide table set sideways on a portrait page) into
/// the upright frame a reader turns the page to: boxes move with the turn, so they fit the page image turned the
/// same way, and blocks are put back in reading order, which pdftotext does not keep for such text.
/// </summary>
public static class SidewaysText
{
    public static TextLayerPage Upright(TextLayerPage page)
    {
        var rotation = RotationToRead(page);
        if (rotation == 0)
        {
            return page;
        }

        var sideways = rotation % 180 != 0;
        var width = sideways ? page.Height : page.Width;
        var height = sideways ? page.Width : page.Height;
        var blocks = page.Blocks
            .Select(block => new TextLayerBlock(block.Lines
                .Select(line => (IReadOnlyList<TextLayerWord>)line.Select(w => w with { Box = Turn(w.Box, rotation, page.Width, page.Height) }).OrderBy(w => w.Box.X).ToList())
                .OrderBy(line => line.Min(w => w.Box.Y))
                .ToList()))
            .ToList();
        return page with { Width = width, Height = height, Blocks = ReadingOrder.Sort(blocks), Geometry = new PageGeometry(rotation, 0, 0) };
    }

    /// <summary>
    /// The clockwise turn that makes the page's text run left to right, by a vote of its lines of two words or
    /// more, each weighted by its words: text running up needs 90°, upside down 180°, down 270°.
    /// </summary>
    public static int RotationToRead(TextLayerPage page)
    {
        var votes = new Dictionary<int, int>();
        foreach (var line in page.Blocks.SelectMany(b => b.Lines).Where(line => line.Count > 1))
        {
            var (dx, dy) = (Centre(line[^1].Box).X - Centre(line[0].Box).X, Centre(line[^1].Box).Y - Centre(line[0].Box).Y);
            var rotation = Math.Abs(dx) >= Math.Abs(dy) ? (dx >= 0 ? 0 : 180) : (dy < 0 ? 90 : 270);
            votes[rotation] = votes.GetValueOrDefault(rotation) + line.Count;
        }

        return votes.Count == 0 ? 0 : votes.MaxBy(vote => vote.Value).Key;
    }

    /// <summary>A box on a <paramref name="width"/> × <paramref name="height"/> page, after the page turns clockwise by <paramref name="rotation"/>.</summary>
    public static Box Turn(Box box, int rotation, double width, double height) => rotation switch
    {
        90 => new Box(height - box.Bottom, box.X, box.Height, box.Width),
        180 => new Box(width - box.Right, height - box.Bottom, box.Width, box.Height),
        270 => new Box(box.Y, width - box.Right, box.Height, box.Width),
        _ => box,
    };

    private static (double X, double Y) Centre(Box box) => (box.X + (box.Width / 2), box.Y + (box.Height / 2));
}
