using DocShelf.Core.Documents;
using DocShelf.Core.Text;

namespace DocShelf.Ingestion.Pdf;

/// <summary>One page of a text layer as pdftotext lays it out: its size in points and its blocks in reading order.</summary>
public sealed record TextLayerPage(int Number, double Width, double Height, IReadOnlyList<TextLayerBlock> Blocks, PageGeometry Geometry)
{
    public PageContent ToContent()
    {
        var builder = new PageTextBuilder();
        foreach (var block in Blocks)
        {
            builder.StartBlock();
            foreach (var line in block.Lines)
            {
                builder.StartLine();
                foreach (var word in line)
                {
                    builder.AddWord(word.Text, word.Box);
                }
            }
        }

        return builder.ToPage(Number, PageSource.TextLayer, Width, Height, Geometry);
    }
}
