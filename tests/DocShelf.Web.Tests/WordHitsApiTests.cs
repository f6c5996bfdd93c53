using System.Text.Json;

namespace DocShelf.Web.Tests;

/// <summary>The search reply says what each hit matched, which words no document holds, and counts that agree with the viewer's route.</summary>
[Collection(WebShelfCollection.Name)]
public sealed class WordHitsApiTests(WebShelf shelf) : IDisposable
{
    private readonly ShelfApiFactory app = shelf.Serve();

    [Fact]
    public async Task A_search_names_the_words_no_document_holds_and_marks_each_hit_a_word_hit()
    {
        var result = await (await app.CreateClient().GetAsync("/api/search?q=harbour+ACE2+zzyzx")).JsonAsync();

        Assert.Equal(["ACE2", "zzyzx"], result.GetProperty("absent").EnumerateArray().Select(w => w.GetString()));
        Assert.NotEqual(0, result.GetProperty("results").GetArrayLength());
        Assert.All(result.GetProperty("results").EnumerateArray(), hit => Assert.Equal("words", hit.GetProperty("match").GetString()));
    }

    [Fact]
    public async Task A_documents_count_is_the_same_for_one_result_or_many_and_matches_the_places_the_viewer_steps_through()
    {
        var client = app.CreateClient();
        var report = shelf.Id("harbour report.pdf");

        async Task<JsonElement> CountIn(string top) => (await (await client.GetAsync($"/api/search?q=harbour&mode=lexical&top={top}")).JsonAsync())
            .GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("documentId").GetString() == report);
        var fromOne = await CountIn("1");
        var fromMany = await CountIn("50");
        var places = await (await client.GetAsync($"/api/documents/{report}/hits?q=harbour")).JsonAsync();

        Assert.Equal(fromMany.GetProperty("count").GetInt32(), fromOne.GetProperty("count").GetInt32());
        Assert.Equal(fromMany.GetProperty("count").GetInt32(), places.GetProperty("count").GetInt32());
        Assert.True(places.GetProperty("count").GetInt32() > 1);

        // Each place is the word on its page, in page order, and every "harbour" of the page text is one of them.
        var hits = places.GetProperty("hits").EnumerateArray().Select(h => (Page: h.GetProperty("page").GetInt32(), Start: h.GetProperty("start").GetInt32(), Length: h.GetProperty("length").GetInt32())).ToList();
        Assert.Equal(hits.OrderBy(h => h.Page).ThenBy(h => h.Start), hits);
        foreach (var number in hits.Select(h => h.Page).Distinct())
        {
            var text = (await (await client.GetAsync($"/api/documents/{report}/pages/{number}")).JsonAsync()).GetProperty("text").GetString()!;
            var expected = System.Text.RegularExpressions.Regex.Matches(text, @"\bharbours?\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Select(m => m.Index);
            Assert.Equal(expected, hits.Where(h => h.Page == number).Select(h => h.Start));
        }
    }

    [Fact]
    public async Task The_hits_route_refuses_a_missing_query_and_an_unknown_document()
    {
        var client = app.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync($"/api/documents/{shelf.Id("harbour report.pdf")}/hits")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/api/documents/0123456789abcdef/hits?q=harbour")).StatusCode);
    }

    public void Dispose() => app.Dispose();
}
