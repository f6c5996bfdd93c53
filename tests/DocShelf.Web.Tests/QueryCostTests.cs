using System.Net;
using DocShelf.Search.Lexical;

namespace DocShelf.Web.Tests;

/// <summary>
/// A query's whole cost is bounded on every route that takes one: a costly pattern is refused before Lucene prepares
/// it, and the time limit reaches a page's words marked for a query as well as searches.
/// </summary>
[Collection(WebShelfCollection.Name)]
public sealed class QueryCostTests(WebShelf shelf)
{
    /// <summary>The attacker's query: "x*y", thirteen "?" and a letter; preparing it once took 28 s of processor.</summary>
    private const string Costly = "x*y%3F%3F%3F%3F%3F%3F%3F%3F%3F%3F%3F%3F%3Fz";

    [Theory]
    [InlineData("/api/search?mode=lexical&q=" + Costly)]
    [InlineData("/api/search?q=" + Costly + "&typing=1")]
    [InlineData("/api/ask?q=" + Costly)]
    public async Task A_costly_wildcard_is_refused_with_400_and_what_to_change(string route)
    {
        using var app = shelf.Serve();

        var response = await app.CreateClient().GetAsync(route);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("\"x*y?????????????z\" holds 14 wildcards", await response.DetailAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_costly_wildcard_is_refused_on_the_page_route_too()
    {
        using var app = shelf.Serve();

        var response = await app.CreateClient().GetAsync($"/api/documents/{shelf.Id("lighthouse.png")}/pages/1?q={Costly}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("\"x*y?????????????z\" holds 14 wildcards", await response.DetailAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wildcard_within_the_limits_still_marks_the_page()
    {
        using var app = shelf.Serve();

        var page = await (await app.CreateClient().GetAsync($"/api/documents/{shelf.Id("lighthouse.png")}/pages/1?q=w?rn*")).JsonAsync();

        Assert.NotEmpty(page.GetProperty("matches").EnumerateArray());
    }

    [Fact]
    public async Task Marking_a_page_for_a_query_is_held_to_the_search_time_limit()
    {
        using var app = shelf.Serve(new WebOptions { SearchTimeLimit = TimeSpan.Zero });
        var client = app.CreateClient();
        var page = $"/api/documents/{shelf.Id("lighthouse.png")}/pages/1";

        var marked = await client.GetAsync($"{page}?q=warning");
        var plain = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, marked.StatusCode);
        Assert.Contains("was stopped", await marked.DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode); // a page without a query has no limit to meet
    }

    [Fact]
    public async Task A_query_with_too_many_patterns_is_refused()
    {
        using var app = shelf.Serve();
        var query = string.Join('+', Enumerable.Range(0, QueryLimits.MostPatterns + 1).Select(i => $"ha{(char)('a' + i)}*"));

        var response = await app.CreateClient().GetAsync($"/api/search?mode=lexical&q={query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"at most {QueryLimits.MostPatterns}", await response.DetailAsync(), StringComparison.Ordinal);
    }
}
