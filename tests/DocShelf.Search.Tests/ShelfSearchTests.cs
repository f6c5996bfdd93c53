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
        Assert.Throws<OperationCanceledException>(() => shelf.Searcher.Search("ferry", 10, null, cancellationToken: new CancellationToken(canceled: true)));
        Assert.Single(shelf.Searcher.Search("ferry", 10, null, cancellationToken: CancellationToken.None));
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

    [Theory]
    [InlineData("surv* channel", new[] { "channel", "surveyed" })]
    [InlineData("brickwrks~", new[] { "brickworks" })]
    [InlineData("s?lt levels", new[] { "Levels", "silted" })]
    public void Prefix_fuzzy_and_wildcard_matches_are_marked_as_the_index_matched_them(string query, string[] expected)
    {
        var hits = shelf.Searcher.Search(query, 10);
        var marked = hits.Where(h => h.Page == 2).SelectMany(h => h.Highlights.Select(s => h.Snippet.Substring(s.Start, s.Length))).ToList();

        Assert.Equal(expected, marked.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("brickw", true, 1)]
    [InlineData("brickw", false, 0)]
    [InlineData("brickw ", true, 0)]
    [InlineData("survey", true, 2)]
    [InlineData("levels qua", true, 1)]
    [InlineData("quarter", true, 1)]
    public void As_you_type_the_last_word_also_matches_as_a_prefix(string typed, bool asYouType, int expected)
    {
        var hits = shelf.Searcher.Search(typed.TrimEnd(), 10, asYouType: asYouType && !typed.EndsWith(' '));

        Assert.Equal(expected, hits.Count);
    }

    [Fact]
    public void A_word_typed_in_full_still_matches_by_its_stem_and_both_forms_are_marked()
    {
        var hit = Assert.Single(shelf.Searcher.Search("surveyors", 10, asYouType: true), h => h.Page == 1);

        Assert.Equal(["surveyors"], hit.Highlights.Select(s => hit.Snippet.Substring(s.Start, s.Length)));
        Assert.Equal(["surveyed", "surveyors"], shelf.Searcher.MatchingSpans("survey", "The surveyors surveyed.", asYouType: true)
            .Select(s => "The surveyors surveyed."[s.Start..(s.Start + s.Length)]).Order());
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
