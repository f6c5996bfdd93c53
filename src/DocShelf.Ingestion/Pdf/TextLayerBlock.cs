using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Pdf;

/// <summary>One block of a text layer as pdftotext groups it: lines of words, in reading order.</summary>
public sealed record TextLayerBlock(IReadOnlyList<IReadOnlyList<TextLayerWord>> Lines)
{
    public IEnumerable<TextLayerWord> Words => Lines.SelectMany(line => line);

    public double Left => Words.Min(w => w.Box.X);

    public double Right => Words.Max(w => w.Box.Right);

    public double Top => Words.Min(w => w.Box.Y);
}
