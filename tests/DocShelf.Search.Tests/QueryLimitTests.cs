using System.Globalization;
using DocShelf.Fixtures;
using DocShelf.Search.Lexical;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace DocShelf.Search.Tests;

/// <summary>
/// A query's patterns are bounded by shape before Lucene builds anything for them, by the words they reach before
/// they are matched, and by the search's token while they are expanded.
/// </summary>
public sealed class QueryLimitTests : IDisposable
{
    /// <summary>One word past what a pattern may reach: "q00000" to "q10000".</summary>
    private const int Words = QueryLimits.MostWordsReached + 1;

    private readonly TempFolder data = new();
    private readonly Shelf shelf;

    public QueryLimitTests()
    {
        shelf = Shelf.OpenForWriting(data.Path);
        var words = Enumerable.Range(0, Words).Select(i => "q" + i.ToString("D5", CultureInfo.InvariantCulture)).ToList();
        var pages = words.Chunk(1000).Select(chunk => "The silted channel " + string.Join(' ', chunk)).ToArray();
        ShelfBuilder.Publish(shelf.Writer!, "d1", "/shelf/register.txt", pages);
    }

    [Theory]
    [InlineData("x*y?????????????z", "holds 14 wildcards")] // the attacker's query: 28 s of processor to prepare
    [InlineData("ch?????????l", "holds 9 wildcards")] // a "?" that ends a word is a question mark, so a letter follows
    [InlineData("x*y?????z", "has 5 \"?\" after a \"*\"")]
    [InlineData("x?*???*??z", "has 5 \"?\" after a \"*\"")]
    public void A_pattern_whose_automaton_could_be_costly_is_refused_by_its_shape(string query, string reason)
    {
        var error = Assert.Throws<QueryTooCostlyException>(() => shelf.Searcher.Search(query, 10));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ch*n?el")]
    [InlineData("c*n??l")] // patterns meet the stems the index holds ("channel")
    [InlineData("c?a*n?e*")]
    [InlineData("c???n?l")]
    [InlineData("channl~")]
    public void A_pattern_within_the_limits_still_finds_its_words(string query)
    {
        Assert.Single(shelf.Searcher.Search(query, 20).Select(h => h.DocumentId).Distinct());
    }

    [Theory]
    [InlineData("channel~", 65)]
    [InlineData("channel*", 65)]
    public void A_pattern_longer_than_any_word_is_refused(string ending, int letters)
    {
        var query = new string('a', letters) + ending;

        var error = Assert.Throws<QueryTooCostlyException>(() => shelf.Searcher.Search(query, 10));
        Assert.Contains($"longer than {QueryLimits.LongestPattern} characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_may_hold_only_so_many_patterns()
    {
        var allowed = string.Join(' ', Enumerable.Repeat("chan*", QueryLimits.MostPatterns));

        Assert.NotEmpty(shelf.Searcher.Search(allowed, 10));
        Assert.Throws<QueryTooCostlyException>(() => shelf.Searcher.Search(allowed + " silt*", 10));
    }

    [Fact]
    public void A_pattern_may_reach_as_many_words_as_the_limit_and_no_more()
    {
        // "q0*" reaches q00000 to q09999, exactly the limit; "q*" reaches one word more.
        Assert.NotEmpty(shelf.Searcher.Search("q0*", 10));
        var error = Assert.Throws<QueryTooCostlyException>(() => shelf.Searcher.Search("q*", 10));
        Assert.Contains("matches more than 10,000 different words", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_being_typed_that_reaches_too_many_words_matches_as_itself_alone()
    {
        // As typed, "q" would reach every word on the page; it is not refused, and finds what the word itself finds.
        Assert.Empty(shelf.Searcher.Search("q", 10, asYouType: true));
        Assert.NotEmpty(shelf.Searcher.Search("channel q", 10, asYouType: true));
        Assert.NotEmpty(shelf.Searcher.Search("q0999", 10, asYouType: true)); // ten words: the prefix is kept
    }

    [Fact]
    public void Expanding_a_pattern_stops_when_its_token_is_cancelled()
    {
        using var directory = FSDirectory.Open(Path.Combine(data.Path, LexicalIndex.FolderName));
        using var reader = DirectoryReader.Open(directory);
        var pattern = new WildcardQuery(new Term(LexicalFields.Text, "q0*"));
        var fuzzy = new FuzzyQuery(new Term(LexicalFields.Text, "q0000"), 2);

        // The index itself would expand them; the view over it stops at the first word.
        Assert.NotNull(new IndexSearcher(reader).Rewrite(pattern));
        var stopped = new IndexSearcher(new CancellableReader(reader, new CancellationToken(canceled: true)));
        Assert.Throws<OperationCanceledException>(() => stopped.Rewrite(pattern));
        Assert.Throws<OperationCanceledException>(() => stopped.Rewrite(fuzzy));
        Assert.NotNull(new IndexSearcher(new CancellableReader(reader, CancellationToken.None)).Rewrite(fuzzy));
    }

    public void Dispose()
    {
        shelf.Dispose();
        data.Dispose();
    }
}
