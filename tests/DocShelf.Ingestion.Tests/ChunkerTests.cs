using DocShelf.Core.Documents;
using DocShelf.Core.Text;
using DocShelf.Ingestion.Chunking;

namespace DocShelf.Ingestion.Tests;

public class ChunkerTests
{
    private static readonly string[] Sentences =
    [
        "The Commission met on the fourth of March.",
        "The eastern breakwater lost forty yards of its upper course.",
        "Shipping has since entered by day only.",
        "The engineer estimates the repair at two thousand pounds.",
        "He advises that the new course be set in hydraulic lime.",
        "The Commission resolved to seek a loan from the county.",
        "Dues collected came to nine hundred and forty pounds.",
        "The pilots ask that a second pilot cutter be bought.",
    ];

    [Fact]
    public void A_short_page_is_one_chunk_covering_all_its_words()
    {
        var page = PageOf("  The lamp was lit at dusk.  ");

        var chunk = Assert.Single(new Chunker(new ChunkingOptions()).Split("doc", page));

        Assert.Equal("The lamp was lit at dusk.", chunk.Text);
        Assert.Equal(("doc/4/0", "doc", 4), (chunk.Id, chunk.DocumentId, chunk.PageNumber));
        Assert.All(page.Words, word => Assert.InRange(word.Start, chunk.Start, chunk.End - 1));
    }

    [Fact]
    public void Long_pages_are_cut_at_sentence_ends_within_the_size_limit()
    {
        var page = PageOf(string.Join(' ', Enumerable.Repeat(Sentences, 6).SelectMany(s => s)));

        var chunks = new Chunker(new ChunkingOptions { MaxCharacters = 300, OverlapCharacters = 60 }).Split("doc", page);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c =>
        {
            Assert.InRange(c.Text.Length, 1, 300);
            Assert.EndsWith(".", c.Text, StringComparison.Ordinal);
            Assert.True(char.IsUpper(c.Text[0]), c.Text);
            Assert.Equal(page.Text[c.Start..c.End], c.Text);
        });
    }

    [Fact]
    public void Consecutive_chunks_overlap_a_little_and_leave_no_gap()
    {
        var page = PageOf(string.Join(' ', Enumerable.Repeat(Sentences, 6).SelectMany(s => s)));

        var chunks = new Chunker(new ChunkingOptions { MaxCharacters = 300, OverlapCharacters = 80 }).Split("doc", page);

        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(page.Text.Length, chunks[^1].End);
        foreach (var (previous, next) in chunks.Zip(chunks.Skip(1)))
        {
            Assert.True(next.Start < previous.End, "chunks should overlap");
            Assert.InRange(previous.End - next.Start, 1, 80);
        }
    }

    [Fact]
    public void Without_overlap_chunks_follow_each_other_exactly()
    {
        var page = PageOf(string.Join(' ', Enumerable.Repeat(Sentences, 4).SelectMany(s => s)));

        var chunks = new Chunker(new ChunkingOptions { MaxCharacters = 200, OverlapCharacters = 0 }).Split("doc", page);

        Assert.Equal(page.Text.Replace(" ", ""), string.Concat(chunks.Select(c => c.Text.Replace(" ", ""))));
    }

    [Fact]
    public void A_sentence_longer_than_a_chunk_is_cut_between_words()
    {
        var page = PageOf(string.Join(' ', Enumerable.Range(0, 120).Select(i => $"word{i}")));

        var chunks = new Chunker(new ChunkingOptions { MaxCharacters = 200, OverlapCharacters = 20 }).Split("doc", page);

        var words = page.Text.Split(' ').ToHashSet();
        Assert.All(chunks, c => Assert.All(c.Text.Split(' '), w => Assert.Contains(w, words)));
        Assert.All(chunks, c => Assert.True(c.Text.Length <= 200));
    }

    [Fact]
    public void Without_overlap_each_word_of_the_page_lies_in_exactly_one_chunk_at_its_place_in_the_text()
    {
        var page = PageOf(string.Join(' ', Sentences));

        var chunks = new Chunker(new ChunkingOptions { MaxCharacters = 150, OverlapCharacters = 0 }).Split("doc", page);

        Assert.True(chunks.Count > 1);
        Assert.All(page.Words, word =>
        {
            // A citation finds the boxes to draw as the page's words that start within the chunk.
            var chunk = Assert.Single(chunks, c => word.Start >= c.Start && word.Start < c.End);
            Assert.Equal(word.Text, chunk.Text.Substring(word.Start - chunk.Start, word.Text.Length));
        });
    }

    [Fact]
    public void A_blank_line_ends_a_sentence_even_without_a_full_stop()
    {
        var starts = SentenceBoundaries.Starts("Minutes of the Council\n\nPresent: the Chairman.");
        Assert.Equal([24], starts);
    }

    [Theory]
    [InlineData("He paid 3.5 pounds, e.g. in coin. Then it rained.")]
    [InlineData("He said \"No.\" Then it rained.")]
    [InlineData("Was it paid? Then it rained.")]
    public void Sentences_end_at_a_stop_before_a_capital_but_not_inside_numbers_or_abbreviations(string text)
    {
        Assert.Equal([text.IndexOf("Then", StringComparison.Ordinal)], SentenceBoundaries.Starts(text));
    }

    [Theory]
    [InlineData(50, 0)]
    [InlineData(1000, 600)]
    [InlineData(1000, -1)]
    public void Nonsense_sizes_are_refused(int size, int overlap)
    {
        Assert.Throws<ArgumentException>(() => new Chunker(new ChunkingOptions { MaxCharacters = size, OverlapCharacters = overlap }));
    }

    /// <summary>A page whose words have boxes numbered by position, so each box is distinct.</summary>
    private static PageContent PageOf(string text)
    {
        var words = new List<Word>();
        var start = 0;
        foreach (var token in text.Split(' '))
        {
            if (token.Length > 0)
            {
                words.Add(new Word { Text = token, Start = start, Box = new Box(start, 0, token.Length, 10) });
            }

            start += token.Length + 1;
        }

        return new PageContent { Number = 4, Source = PageSource.TextLayer, Text = text, Words = words };
    }
}
