using System.Globalization;
using System.Text;
using DocShelf.Core.Documents;

namespace DocShelf.Ocr.Tesseract;

/// <summary>
/// Builds a page from Tesseract's TSV output: words with boxes and confidences, joined into text with
/// a newline between lines and a blank line between paragraphs, so sentence and paragraph breaks survive.
/// </summary>
public static class TsvPageReader
{
    private const int WordLevel = 5;

    private const int ColumnCount = 12;

    public static PageContent Read(string tsv, int pageNumber, double width, double height)
    {
        var text = new StringBuilder();
        var words = new List<Word>();
        (int Block, int Paragraph, int Line)? previous = null;

        foreach (var row in tsv.Split('\n'))
        {
            var cells = row.Split('\t');
            if (cells.Length < ColumnCount || !IsWordRow(cells, out var confidence))
            {
                continue;
            }

            var wordText = cells[11].Trim();
            if (wordText.Length == 0)
            {
                continue;
            }

            var position = (Block: Int(cells[2]), Paragraph: Int(cells[3]), Line: Int(cells[4]));
            text.Append(Separator(previous, position));
            previous = position;

            words.Add(new Word
            {
                Text = wordText,
                Box = new Box(Int(cells[6]), Int(cells[7]), Int(cells[8]), Int(cells[9])),
                Confidence = confidence,
                Start = text.Length,
            });
            text.Append(wordText);
        }

        return new PageContent
        {
            Number = pageNumber,
            Source = PageSource.Ocr,
            Text = text.ToString(),
            Words = words,
            Width = width,
            Height = height,
            MeanConfidence = words.Count == 0 ? 0 : words.Average(w => w.Confidence),
        };
    }

    private static bool IsWordRow(string[] cells, out double confidence)
    {
        confidence = 0;
        return int.TryParse(cells[0], CultureInfo.InvariantCulture, out var level)
            && level == WordLevel
            && double.TryParse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture, out confidence)
            && confidence >= 0;
    }

    private static string Separator((int Block, int Paragraph, int Line)? previous, (int Block, int Paragraph, int Line) current)
    {
        if (previous is not { } before)
        {
            return "";
        }

        if (before.Block != current.Block || before.Paragraph != current.Paragraph)
        {
            return "\n\n";
        }

        return before.Line != current.Line ? "\n" : " ";
    }

    private static int Int(string cell) => int.Parse(cell, CultureInfo.InvariantCulture);
}
