using DocShelf.Fixtures;

namespace DocShelf.Search.Tests;

public sealed class ShelfSearchTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly Shelf shelf;

    public ShelfSearchTests()
    {
        shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "d1", "/shelf/survey.txt",
            "The surveyors walked the river banks.",
            "Levels were taken every quarter mile below the brickworks, where the surveyed channel had silted.");
        ShelfBuilder.Publish(shelf.Writer!, "d2", "/shelf/ferry.txt", "The ferry crosses every half hour.");
    }

    [Fact]
    public void A_cancelled_search_is_stopped_inside_lucene()
    {
        // Only the collector looks at the token on this path, so the search can only stop if Lucene asked it.
        Assert.Throws<OperationCanceledException>(() => shelf.Searcher.Search("ferry", 10, null, new CancellationToken(canceled: true)));
        Assert.Single(shelf.Searcher.Search("ferry", 10, null, CancellationToken.None));
    }

    [Fact]
    public void English_stemming_finds_other_forms_of_a_word()
    {
        var hits = shelf.Searcher.Search("survey rivers", 10);
        Assert.Equal(["d1/1/0", "d1/2/0"], hits.Select(h => h.ChunkId).Order());
    }

    [Fact]
    public void Results_cite_document_path_page_chunk_and_score()
    {
        var hit = Assert.Single(shelf.Searcher.Search("ferry", 10));
        Assert.Equal("d2", hit.DocumentId);
        Assert.Equal("/shelf/ferry.txt", hit.Path);
        Assert.Equal(1, hit.Page);
        Assert.Equal("d2/1/0", hit.ChunkId);
        Assert.True(hit.Score > 0);
    }

    [Fact]
    public void Stop_words_alone_find_nothing()
    {
        Assert.Empty(shelf.Searcher.Search("the and of", 10));
    }

    [Fact]
    public void Highlights_mark_the_words_that_matched_even_in_another_form()
    {
        var hit = shelf.Searcher.Search("survey brickwork", 10).Single(h => h.Page == 2);
        var marked = hit.Highlights.Select(s => hit.Snippet.Substring(s.Start, s.Length)).ToList();
        Assert.Equal(["brickworks", "surveyed"], marked);
    }

    [Fact]
    public void A_phrase_query_matches_only_the_words_in_order()
    {
        Assert.Single(shelf.Searcher.Search("\"quarter mile\"", 10));
        Assert.Empty(shelf.Searcher.Search("\"mile quarter\"", 10));
    }

    [Theory]
    [InlineData("ferry AND (", 1)]
    [InlineData("\"unbalanced ferry", 1)]
    [InlineData("ferry)", 1)]
    [InlineData("[to", 0)]
    [InlineData("   ", 0)]
    [InlineData("/[/", 0)]
    [InlineData("/(/ ferry", 1)]
    [InlineData("*erry", 0)] // a leading wildcard is refused, leaving the word "erry"
    [InlineData("ferry~ AND ~", 1)]
    [InlineData("ferry OR ", 1)] // a dangling operator stays broken when merely escaped
    [InlineData("ferry AND", 1)]
    [InlineData("NOT", 0)]
    [InlineData("OR ] ferry [a TO z] -", 1)]
    public void Malformed_or_empty_queries_are_searched_as_plain_words(string query, int expected)
    {
        var hits = shelf.Searcher.Search(query, 10);
        Assert.Equal(expected, hits.Count);
        Assert.All(hits, h => Assert.Equal("d2", h.DocumentId));
    }

    [Fact]
    public void A_regular_expression_is_read_as_the_words_in_it_and_costs_no_more_than_they_do()
    {
        // Run as an expression, /.{0,300}x.{0,300}/ once held a core and grew without bound.
        Assert.Empty(shelf.Searcher.Search("/.{0,300}x.{0,300}/", 10));
        Assert.Empty(shelf.Searcher.Search("/fer.*/", 10)); // as an expression it would match "ferry"
        Assert.Equal("d2", Assert.Single(shelf.Searcher.Search("/ferry/", 10)).DocumentId);
    }

    [Fact]
    public void A_query_too_long_for_lucene_keeps_its_first_words()
    {
        var query = "ferry " + string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"w{i}"));

        Assert.Equal("d2", Assert.Single(shelf.Searcher.Search(query, 10)).DocumentId);
    }

    [Fact]
    public void Top_limits_the_number_of_results()
    {
        Assert.Single(shelf.Searcher.Search("survey river", 1));
    }

    public void Dispose()
    {
        shelf.Dispose();
        data.Dispose();
    }
}
