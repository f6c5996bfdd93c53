using DocShelf.Core.Documents;
using DocShelf.Ocr.Tesseract;

namespace DocShelf.Ocr.Tests;

public class TsvPageReaderTests
{
    private const string Header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";

    [Fact]
    public void Words_are_joined_by_spaces_lines_by_newlines_and_paragraphs_by_blank_lines()
    {
        var tsv = string.Join('\n',
            Header,
            "5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96.5\tHarbour",
            "5\t1\t1\t1\t1\t2\t45\t20\t30\t12\t91\tdues",
            "5\t1\t1\t1\t2\t1\t10\t40\t30\t12\t88\trose.",
            "5\t1\t1\t2\t1\t1\t10\t80\t30\t12\t90\tPilots",
            "4\t1\t1\t2\t1\t0\t10\t80\t30\t12\t-1\t");

        var page = TsvPageReader.Read(tsv, 2, 100, 200);

        Assert.Equal("Harbour dues\nrose.\n\nPilots", page.Text);
        Assert.Equal(PageSource.Ocr, page.Source);
        Assert.Equal(4, page.Words.Count);
        Assert.Equal(new Box(45, 20, 30, 12), page.Words[1].Box);
        Assert.Equal("rose.", page.Text.Substring(page.Words[2].Start, 5));
        Assert.Equal((96.5 + 91 + 88 + 90) / 4, page.MeanConfidence, 6);
    }

    [Fact]
    public void An_empty_page_has_no_words_and_zero_confidence()
    {
        var page = TsvPageReader.Read(Header, 1, 100, 200);
        Assert.Equal("", page.Text);
        Assert.Empty(page.Words);
        Assert.Equal(0, page.MeanConfidence);
    }
}
