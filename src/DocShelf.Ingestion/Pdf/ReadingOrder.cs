namespace DocShelf.Ingestion.Pdf;

/// <summary>
/// Puts blocks of an upright page in the order a person reads them: of two blocks that share some width, the upper
/// comes first; of two side by side, the left one (so a column is read to its foot before the next, and a headline
/// across the columns before both). Blocks are taken in that order, the topmost first where the rule leaves a choice.
/// </summary>
public static class ReadingOrder
{
    public static List<TextLayerBlock> Sort(IReadOnlyList<TextLayerBlock> blocks)
    {
        // Bounds are read once per block: the loop below compares every pair of waiting blocks at every step.
        var waiting = blocks.Select(block => new Placed(block, block.Left, block.Right, block.Top)).ToList();
        var ordered = new List<TextLayerBlock>(blocks.Count);
        while (waiting.Count > 0)
        {
            // A block is ready when no waiting block must come before it; on a tangled page, the topmost goes first.
            var ready = waiting.Where(block => !waiting.Any(other => other != block && Precedes(other, block))).ToList();
            var next = (ready.Count > 0 ? ready : waiting).OrderBy(b => b.Top).ThenBy(b => b.Left).First();
            ordered.Add(next.Block);
            waiting.Remove(next);
        }

        return ordered;
    }

    private static bool Precedes(Placed first, Placed second) =>
        SharesWidth(first, second) ? first.Top < second.Top : first.Right <= second.Left;

    private static bool SharesWidth(Placed a, Placed b) => Math.Min(a.Right, b.Right) > Math.Max(a.Left, b.Left);

    private sealed record Placed(TextLayerBlock Block, double Left, double Right, double Top);
}
