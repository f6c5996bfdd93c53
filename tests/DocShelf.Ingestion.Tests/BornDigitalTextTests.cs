using DocShelf.Core.Documents;
using DocShelf.Core.Text;
using DocShelf.Fixtures.Hostile;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion.Running;

namespace DocShelf.Ingestion.Tests;

/// <summary>Text layers as real born-digital PDFs have them: control characters from odd fonts, words hyphenated at a line's end.</summary>
public sealed class BornDigitalTextTests : IDisposable
{
    private readonly IngestionHarness shelf = new();

    [Fact]
    public async Task A_text_layer_holding_a_control_character_is_read_as_pdftotext_reads_it_not_quarantined()
    {
        var pdf = shelf.InboxFile("control.pdf");
        HostileFiles.ControlCharacterPdf(pdf);
        var reference = await Tool.RunAsync("pdftotext", pdf, "-");

        var summary = await shelf.IngestAsync(pdf);

        var outcome = Assert.Single(summary.Files);
        Assert.True(outcome.Status == FileStatus.Indexed, outcome.Reason);
        var page = Assert.Single(shelf.Shelf.Store.PagesOf(outcome.DocumentId));
        Assert.Contains('\u0003', reference);
        Assert.Equal(WordAccuracy.Words(reference.Replace("\u0003", "", StringComparison.Ordinal)), WordAccuracy.Words(page.Text));
        Assert.Equal(PageSource.TextLayer, page.Source);
    }

    [Fact]
    public async Task A_word_hyphenated_at_a_line_s_end_is_found_whole_and_both_halves_are_outlined()
    {
        var pdf = shelf.InboxFile("hyphenated.pdf");
        HostileFiles.TextLines(pdf, ["The commission met to inspect the break-", "water and the lamp at its head, and the well-", "kept accounts of the harbour."]);

        var summary = await shelf.IngestAsync(pdf);

        var id = Assert.Single(summary.Files).DocumentId;
        var page = Assert.Single(shelf.Shelf.Store.PagesOf(id));
        Assert.Contains("breakwater and", page.Text, StringComparison.Ordinal);
        var hit = Assert.Single(shelf.Shelf.Searcher.Search("breakwater", 5));
        Assert.Equal(id, hit.DocumentId);
        var outlined = shelf.Shelf.Searcher.MatchingWords("breakwater", page).Select(i => page.Words[i].Text).ToList();
        Assert.Equal(["break", "water"], outlined);
        Assert.All(page.Words, w => Assert.Equal(w.Text, page.Text.Substring(w.Start, w.Text.Length)));
    }

    [Theory]
    [InlineData("harbour-", "master", "harbourmaster")]
    [InlineData("harbour\u00AD", "master", "harbourmaster")]
    [InlineData("1894-", "march", "1894-\nmarch")]
    [InlineData("dues-", "Harbour", "dues-\nHarbour")]
    [InlineData("a-", "b", "a-\nb")]
    public void Recognised_or_laid_out_lines_join_a_word_split_by_a_hyphen_and_nothing_else(string first, string second, string expected)
    {
        var builder = new PageTextBuilder();
        builder.StartBlock();
        builder.StartLine();
        builder.AddWord(first, new Box(0, 0, 10, 10));
        builder.StartLine();
        builder.AddWord(second, new Box(0, 12, 10, 10));

        Assert.Equal(expected, builder.Text);
        Assert.All(builder.Words, w => Assert.Equal(w.Text, builder.Text.Substring(w.Start, w.Text.Length)));
    }

    public void Dispose() => shelf.Dispose();
}
