using DocShelf.Core.Documents;
using DocShelf.Ingestion.Extraction;

namespace DocShelf.Ingestion.Tests;

public class TextLayerJudgeTests
{
    private const string GoodText =
        "The Commission met on the fourth of March to consider the state of the outer harbour after the winter storms.";

    [Fact]
    public void Born_digital_text_is_kept()
    {
        Assert.False(TextLayerJudge.NeedsOcr(Page(GoodText), imageCoverage: 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData("p. 3")]
    public void A_page_with_no_real_text_layer_is_ocred(string text)
    {
        Assert.True(TextLayerJudge.NeedsOcr(Page(text), imageCoverage: 0));
    }

    [Fact]
    public void A_scan_with_a_stamped_header_is_ocred()
    {
        Assert.True(TextLayerJudge.NeedsOcr(Page("Received 12 March 1911 — County Record Office"), imageCoverage: 0.95));
    }

    [Fact]
    public void A_scan_with_a_full_hidden_text_layer_keeps_it()
    {
        var full = string.Join(' ', Enumerable.Repeat(GoodText, 5));
        Assert.False(TextLayerJudge.NeedsOcr(Page(full), imageCoverage: 1));
    }

    [Fact]
    public void Glyph_garbage_from_a_font_without_a_unicode_map_is_ocred()
    {
        Assert.True(TextLayerJudge.NeedsOcr(Page("Tkp Crmmsssxn mqt xn thz fqrth qf Mrrch tx cnsdr thp stt qf thp xtr hrbr"), imageCoverage: 0));
        Assert.True(TextLayerJudge.NeedsOcr(Page(new string('\uE001', 40) + " harbour " + new string('\uFFFD', 30)), imageCoverage: 0));
    }

    private static PageContent Page(string text)
    {
        var words = new List<Word>();
        var position = 0;
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            position = text.IndexOf(token, position, StringComparison.Ordinal);
            words.Add(new Word { Text = token, Start = position, Box = default });
            position += token.Length;
        }

        return new PageContent { Number = 1, Source = PageSource.TextLayer, Text = text, Words = words };
    }
}
