using System.Net;

namespace DocShelf.Web.Tests;

[Collection(WebShelfCollection.Name)]
public sealed class SearchApiTests(WebShelf shelf) : IDisposable
{
    private readonly ShelfApiFactory app = shelf.Serve();

    [Fact]
    public async Task A_search_returns_cited_hits_with_the_query_terms_marked()
    {
        var result = await (await app.CreateClient().GetAsync("/api/search?q=warning+gun")).JsonAsync();

        var hit = result.GetProperty("results")[0];
        Assert.Equal(shelf.Id("lighthouse.png"), hit.GetProperty("documentId").GetString());
        Assert.EndsWith("lighthouse.png", hit.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, hit.GetProperty("page").GetInt32());
        Assert.StartsWith(shelf.Id("lighthouse.png") + "/1/", hit.GetProperty("chunkId").GetString(), StringComparison.Ordinal);
        Assert.True(hit.GetProperty("score").GetDouble() > 0);
        var snippet = hit.GetProperty("snippet").GetString()!;
        var marked = hit.GetProperty("highlights").EnumerateArray()
            .Select(h => snippet.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32()).ToLowerInvariant())
            .ToHashSet();
        Assert.Equal(["gun", "warning"], marked.Order());
    }

    [Theory]
    [InlineData("type=image", "lighthouse.png")]
    [InlineData("type=pdf", "harbour report.pdf")]
    [InlineData("source=ocr", "lighthouse.png")]
    [InlineData("source=text", "harbour report.pdf")]
    public async Task Filters_narrow_the_hits(string filter, string expected)
    {
        // "harbour" is in the report and in the keeper's log, so each filter must remove one of them.
        var result = await (await app.CreateClient().GetAsync($"/api/search?q=harbour+light&top=20&{filter}")).JsonAsync();

        var documents = result.GetProperty("results").EnumerateArray().Select(h => h.GetProperty("documentId").GetString()).Distinct().ToList();
        Assert.Equal([shelf.Id(expected)], documents);
    }

    [Fact]
    public async Task A_date_filter_after_every_addition_finds_nothing()
    {
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var result = await (await app.CreateClient().GetAsync($"/api/search?q=harbour&since={tomorrow}")).JsonAsync();
        Assert.Equal(0, result.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/search?q=")]
    [InlineData("/api/ask?q=")]
    [InlineData("/?q=")]
    public async Task Regular_expressions_and_broken_syntax_are_searched_as_words_not_failed(string route)
    {
        var client = app.CreateClient();
        foreach (var query in new[] { "/[/", "/.{0,300}x.{0,300}/", "*arbour", "harbour~ AND (", "\\" })
        {
            var response = await client.GetAsync(route + Uri.EscapeDataString(query));

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}{query}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/api/search", "Give the words")]
    [InlineData("/api/search?q=%20%20", "Give the words")]
    [InlineData("/api/search?q=harbour&top=0", "top must be")]
    [InlineData("/api/search?q=harbour&top=many", "top must be")]
    [InlineData("/api/search?q=harbour&top=1000", "top must be")]
    [InlineData("/api/search?q=harbour&type=video", "type must be")]
    [InlineData("/api/search?q=harbour&source=dream", "source must be")]
    [InlineData("/api/search?q=harbour&since=last+week", "since must be")]
    [InlineData("/api/search?q=harbour&mode=fancy", "mode must be")]
    [InlineData("/api/search?q=harbour&mode=1", "mode must be")]
    [InlineData("/api/search?q=harbour&mode=2", "mode must be")]
    [InlineData("/api/search?q=harbour&dated=1899-1850", "dated must be")]
    [InlineData("/api/search?q=harbour&dated=1890s", "dated must be")]
    [InlineData("/api/search?q=harbour&dated=-", "dated must be")]
    [InlineData("/api/search?q=harbour&document=../x", "document must be")]
    [InlineData("/api/search?q=harbour&typing=maybe", "typing must be")]
    public async Task Malformed_searches_get_a_400_saying_what_is_wrong(string path, string expected)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.DetailAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_embedding_model_search_is_lexical_and_semantic_is_refused_with_the_way_to_add_one()
    {
        var client = app.CreateClient();

        var plain = await (await client.GetAsync("/api/search?q=harbour")).JsonAsync();
        var semantic = await client.GetAsync("/api/search?q=harbour&mode=semantic");
        var status = await (await client.GetAsync("/api/status")).JsonAsync();

        Assert.Equal("lexical", plain.GetProperty("mode").GetString());
        Assert.Equal(HttpStatusCode.Conflict, semantic.StatusCode);
        Assert.Contains("docshelf models import", await semantic.DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(["lexical"], status.GetProperty("searchModes").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("1890-1899", 1890, 1899, true)]
    [InlineData("-1893", 0, 1893, false)]
    [InlineData("1895-", 1895, 9999, false)]
    public async Task Dated_keeps_the_documents_bearing_a_date_in_those_years(string years, int from, int to, bool reportFound)
    {
        var client = app.CreateClient();
        var dates = (await (await client.GetAsync("/api/documents")).JsonAsync()).EnumerateArray()
            .ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("dated").GetString());
        var hits = (await (await client.GetAsync($"/api/search?q=harbour+light+mill&top=50&dated={years}")).JsonAsync()).GetProperty("results");
        var found = hits.EnumerateArray().Select(h => h.GetProperty("documentId").GetString()!).Distinct().ToList();

        Assert.Equal("1894", dates[shelf.Id("harbour report.pdf")]);
        Assert.Equal(reportFound, found.Contains(shelf.Id("harbour report.pdf")));
        Assert.All(found, id => Assert.InRange(int.Parse(dates[id]![..4], System.Globalization.CultureInfo.InvariantCulture), from, to));
    }

    [Fact]
    public async Task Typing_makes_the_last_word_a_prefix_until_a_space_follows_it()
    {
        var client = app.CreateClient();

        var typing = (await (await client.GetAsync("/api/search?q=breakw&typing=1")).JsonAsync()).GetProperty("results").GetArrayLength();
        var finished = (await (await client.GetAsync("/api/search?q=breakw%20&typing=1")).JsonAsync()).GetProperty("results").GetArrayLength();
        var plain = (await (await client.GetAsync("/api/search?q=breakw")).JsonAsync()).GetProperty("results").GetArrayLength();

        Assert.True(typing > 0);
        Assert.Equal((0, 0), (finished, plain));
    }

    [Fact]
    public async Task A_documents_hits_alone_are_found_with_document()
    {
        var id = shelf.Id("harbour report.pdf");
        var hits = (await (await app.CreateClient().GetAsync($"/api/search?q=harbour&top=50&document={id}")).JsonAsync()).GetProperty("results");

        Assert.Equal(2, hits.GetArrayLength());
        Assert.All(hits.EnumerateArray(), h => Assert.Equal(id, h.GetProperty("documentId").GetString()));
    }

    [Fact]
    public async Task An_overlong_query_is_refused()
    {
        var response = await app.CreateClient().GetAsync($"/api/search?q={new string('a', 1001)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("harbour AND (")]
    [InlineData("\"unclosed phrase")]
    [InlineData("field:[* TO")]
    public async Task Query_syntax_errors_are_searched_as_plain_words(string query)
    {
        var response = await app.CreateClient().GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => app.Dispose();
}
