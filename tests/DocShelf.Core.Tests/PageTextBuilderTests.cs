using DocShelf.Core.Documents;
using DocShelf.Core.Text;

namespace DocShelf.Core.Tests;

public sealed class PageTextBuilderTests
{
    [Fact]
    public void Words_lines_and_blocks_are_joined_the_one_way_and_each_word_knows_where_it_starts()
    {
        var builder = new PageTextBuilder();
        builder.StartBlock();
        builder.AddWord("Harbour", new Box(0, 0, 10, 5), 90);
        builder.AddWord("dues", new Box(12, 0, 8, 5), 70);
        builder.StartLine();
        builder.AddWord("  ", new Box(0, 6, 1, 1)); // blank: dropped
        builder.AddWord("raised.", new Box(0, 6, 9, 5), 80);
        builder.StartBlock();
        builder.AddWord("Lamp", new Box(0, 20, 6, 5), 100);

        var page = builder.ToPage(3, PageSource.Ocr, 100, 200);

        Assert.Equal("Harbour dues\nraised.\n\nLamp", page.Text);
        Assert.Equal([0, 8, 13, 22], page.Words.Select(w => w.Start));
        Assert.All(page.Words, w => Assert.Equal(w.Text, page.Text.Substring(w.Start, w.Text.Length)));
        Assert.Equal(85, page.MeanConfidence);
        Assert.Equal((3, PageSource.Ocr, 100d, 200d), (page.Number, page.Source, page.Width, page.Height));
        Assert.Equal(0, new PageTextBuilder().ToPage(1, PageSource.Ocr, 1, 1).MeanConfidence);
    }
}
