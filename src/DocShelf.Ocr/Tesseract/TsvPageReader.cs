using System.Globalization;
using DocShelf.Core.Documents;
using DocShelf.Core.Text;

namespace DocShelf.Ocr.Tesseract;

/// <summary>
/// Builds a page from Tesseract's TSV output: words with boxes and confidences, in the order automatic page
/// segmentation found them (block by block), with a new block or paragraph starting a new block of text.
/// </summary>
public static class TsvPageReader
{
    private const int WordLevel = 5;

    private const int ColumnCount = 12;

    public static PageContent Read(string tsv, int pageNumber, double width, double height)
    {
        var builder = new PageTextBuilder();
        (int Block, int Paragraph, int Line)? previous = null;

        foreach (var row in tsv.Split('\n'))
        {
            var cells = row.Split('\t');
            if (cells.Length < ColumnCount || !IsWordRow(cells, out var confidence) || cells[11].Trim().Length == 0)
            {
                continue;
            }

            var position = (Block: Int(cells[2]), Paragraph: Int(cells[3]), Line: Int(cells[4]));
            if (previous is { } before && (before.Block != position.Block || before.Paragraph != position.Paragraph))
            {
                builder.StartBlock();
            }
            else if (previous is { } last && last.Line != position.Line)
            {
                builder.StartLine();
            }

            previous = position;
            builder.AddWord(cells[11], new Box(Int(cells[6]), Int(cells[7]), Int(cells[8]), Int(cells[9])), confidence);
        }

        return builder.ToPage(pageNumber, PageSource.Ocr, width, height);
    }

    private static bool IsWordRow(string[] cells, out double confidence)
    {
        confidence = 0;
        return int.TryParse(cells[0], CultureInfo.InvariantCulture, out var level)
            && level == WordLevel
            && double.TryParse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture, out confidence)
            && confidence >= 0;
    }

    private static int Int(string cell) => int.Parse(cell, CultureInfo.InvariantCulture);
}
