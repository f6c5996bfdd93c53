using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Search.Hybrid;
using DocShelf.Search.Semantic;

namespace DocShelf.Search.Tests;

/// <summary>Results say whether they hold the query's words, put those first, and count them the same everywhere.</summary>
public sealed class WordMatchTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly Shelf shelf;
    private readonly ConceptEmbeddingGenerator generator = new();

    public WordMatchTests()
    {
        shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "vessel", "/shelf/vessel.txt", "The vessel sank off the point.");
        ShelfBuilder.Publish(shelf.Writer!, "shipdues", "/shelf/ship-dues.txt", "Every ship paid dues at the quay.");
        ShelfBuilder.Publish(shelf.Writer!, "gale", "/shelf/gale.txt", "A tempest blew all night from the west.");
    }

    [Fact]
    public async Task Hybrid_hits_say_whether_they_hold_the_words_and_word_hits_come_first()
    {
        var searcher = await UseConceptsAsync(SimilarityFloors.None);

        var hits = await searcher.SearchAsync("ship", 5, null, SearchMode.Hybrid);

        Assert.Equal(("shipdues", HitMatch.Words), (hits[0].DocumentId, hits[0].Match));
        Assert.Equal(HitMatch.Meaning, hits.Single(h => h.DocumentId == "vessel").Match);
        Assert.Equal(hits.OrderBy(h => h.Match).Select(h => h.ChunkId), hits.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task A_word_no_document_holds_gets_only_meaning_hits_and_is_named_absent()
    {
        var searcher = await UseConceptsAsync(SimilarityFloors.None);

        var hits = await searcher.SearchAsync("boat", 5, null, SearchMode.Hybrid);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(HitMatch.Meaning, h.Match));
        Assert.Equal(["boat"], searcher.AbsentWords("boat dues"));
        Assert.Empty(searcher.WordHitsByDocument("boat", hits, null));
    }

    [Fact]
    public async Task Meaning_only_hits_below_the_related_floor_are_not_shown_but_word_hits_are()
    {
        // The concept model puts "ship" and "vessel" at 1.0; a floor above that leaves meaning-only hits out.
        var strict = await UseConceptsAsync(new SimilarityFloors(Related: 1.01));
        var open = await UseConceptsAsync(new SimilarityFloors(Related: 0.5));

        Assert.Equal(["shipdues"], (await strict.SearchAsync("ship", 5, null, SearchMode.Hybrid)).Select(h => h.DocumentId));
        Assert.Contains("vessel", (await open.SearchAsync("ship", 5, null, SearchMode.Hybrid)).Select(h => h.DocumentId));
        Assert.Empty(await strict.SearchAsync("boat", 5, null, SearchMode.Hybrid));
    }

    [Fact]
    public void A_meaning_only_hit_keeps_its_place_only_when_clearly_closer_than_every_word_hit()
    {
        MatchedChunk Hit(string id, HitMatch match) => new(id, id, 1, match);
        var fused = new[] { Hit("close", HitMatch.Meaning), Hit("near", HitMatch.Meaning), Hit("words", HitMatch.Words), Hit("far", HitMatch.Meaning) };
        var similarity = new Dictionary<string, double> { ["close"] = 0.80, ["near"] = 0.72, ["words"] = 0.70, ["far"] = 0.55 };

        var arranged = WordsFirst.Arrange(fused, id => similarity[id], floor: 0.6);

        // 0.80 is clearly closer than the word hit's 0.70; 0.72 is not, so it follows; 0.55 is under the floor.
        Assert.Equal(["close", "words", "near"], arranged.Select(h => h.ChunkId));
    }

    [Fact]
    public void Word_hits_in_a_document_count_every_place_once_whatever_the_number_of_results()
    {
        // Two overlapping chunks on page 1 share "harbour" in their overlap; page 2 holds it twice.
        const string PageOne = "The harbour wall. Dues at the harbour were paid. The harbour master wrote.";
        const string PageTwo = "Harbours of the coast, and one harbour more.";
        var record = ShelfBuilder.Document("port", "/shelf/port.txt") with { PageCount = 2, ChunkCount = 3 };
        var pages = new List<PageContent>
        {
            new() { Number = 1, Source = PageSource.PlainText, Text = PageOne },
            new() { Number = 2, Source = PageSource.PlainText, Text = PageTwo },
        };
        var overlapStart = PageOne.IndexOf("Dues", StringComparison.Ordinal);
        var chunks = new List<Chunk>
        {
            new() { Id = "port/1/0", DocumentId = "port", PageNumber = 1, Start = 0, End = overlapStart + 20, Text = PageOne[..(overlapStart + 20)] },
            new() { Id = "port/1/1", DocumentId = "port", PageNumber = 1, Start = overlapStart, End = PageOne.Length, Text = PageOne[overlapStart..] },
            new() { Id = "port/2/0", DocumentId = "port", PageNumber = 2, Start = 0, End = PageTwo.Length, Text = PageTwo },
        };
        shelf.Writer!.Publish(record, record.PrimaryPath, pages, chunks);
        shelf.Writer.Commit();

        var places = shelf.Searcher.WordHits("harbour", new SearchFilters { DocumentId = "port" });
        var fromOneResult = shelf.Searcher.WordHitsByDocument("harbour", shelf.Searcher.Search("harbour", 1), null);

        // "harbour" three times on page 1 (once in the overlap) and "Harbours", "harbour" on page 2, as stemmed.
        Assert.Equal([(1, 4), (1, 30), (1, 53), (2, 0), (2, 31)], places.Select(p => (p.Page, p.Start)));
        Assert.All(places, p => Assert.StartsWith("harbour", (p.Page == 1 ? PageOne : PageTwo).Substring(p.Start, p.Length), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(new DocumentWordHits("port", 5, 2), Assert.Single(fromOneResult));
    }

    [Theory]
    [InlineData("harbour", false)]
    [InlineData("harbour commission", false)]
    [InlineData("the harb", true)]
    [InlineData("h?rbour OR lamp*", false)]
    [InlineData("breakwatr~", false)]
    [InlineData("\"breakwater lamp\"", false)]
    [InlineData("harbour -lamp", false)]
    public void Places_read_from_the_index_are_the_ones_the_analyzer_finds_in_each_matching_chunk(string query, bool asYouType)
    {
        PublishSampleReport();

        var places = shelf.Searcher.WordHits(query, new SearchFilters { DocumentId = "report" }, asYouType);

        // The same found the slow way: every chunk the query matches, its text analysed again.
        var parsed = shelf.Lexical.ParseQuery(query, asYouType);
        var terms = Lexical.QueryTermSet.Of(parsed);
        var matching = shelf.Lexical.Search(parsed, 10_000, new SearchFilters { DocumentId = "report" });
        var expected = matching
            .SelectMany(hit => Lexical.TermMatcher.Find(shelf.Lexical.Analyzer, hit.Text, terms).Select(span => new WordHit(hit.Page, hit.Start + span.Start, span.Length)))
            .Distinct().OrderBy(p => p.Page).ThenBy(p => p.Start).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, places);
    }

    [Theory]
    [InlineData("harbour", false)]
    [InlineData("the harb", true)]
    [InlineData("h?rbour OR lamp*", false)]
    [InlineData("breakwatr~", false)]
    [InlineData("\"breakwater lamp\"", false)]
    [InlineData("harbour -lamp", false)]
    [InlineData("ship quay", false)]
    public void Chunks_read_from_the_postings_as_holding_the_words_are_the_ones_the_analyzer_finds_them_in(string query, bool asYouType)
    {
        List<string> others = ["vessel", "shipdues", "gale"];
        var chunks = PublishSampleReport().Concat(others.Select(id => shelf.Store.ChunksOf(id).Single())).ToList();
        shelf.Writer!.Forget("/shelf/ship-dues.txt"); // a chunk gone from the shelf, though its segment still holds it
        shelf.Writer.Commit();

        var terms = Lexical.QueryTermSet.Of(shelf.Lexical.ParseQuery(query, asYouType));
        var holding = shelf.Lexical.ChunksHolding([.. chunks.Select(c => c.Id), "nowhere/1/0"], terms);

        var expected = chunks
            .Where(c => c.DocumentId != "shipdues" && Lexical.TermMatcher.Find(shelf.Lexical.Analyzer, c.Text, terms).Count > 0)
            .Select(c => c.Id);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), holding.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Absent_words_are_the_ones_typed_leaving_out_operators_patterns_exclusions_and_a_word_being_typed()
    {
        Assert.Equal(["ACE2"], shelf.Searcher.AbsentWords("“ACE2” AND ship"));
        Assert.Empty(shelf.Searcher.AbsentWords("ship NOT zebra -okapi gir* quay"));
        Assert.Equal(["ACE2"], shelf.Searcher.AbsentWords("ACE2 zebr", asYouType: true));

        shelf.Writer!.Forget("/shelf/vessel.txt");
        shelf.Writer.Commit();
        Assert.Equal(["vessel"], shelf.Searcher.AbsentWords("vessel ship"));
    }

    /// <summary>The sample report's pages cut into overlapping chunks, as the chunker cuts them, and published.</summary>
    private List<Chunk> PublishSampleReport()
    {
        var texts = SampleTexts.AllPages();
        var record = ShelfBuilder.Document("report", "/shelf/report.txt");
        var pages = texts.Select((text, i) => new PageContent { Number = i + 1, Source = PageSource.PlainText, Text = text }).ToList();
        var chunks = pages.SelectMany(page => Windows(page.Text.Length).Select((w, i) => new Chunk
        {
            Id = Chunk.MakeId("report", page.Number, i),
            DocumentId = "report",
            PageNumber = page.Number,
            Start = w.Start,
            End = w.End,
            Text = page.Text[w.Start..w.End],
        })).ToList();
        shelf.Writer!.Publish(record with { PageCount = pages.Count, ChunkCount = chunks.Count }, record.PrimaryPath, pages, chunks);
        shelf.Writer.Commit();
        return chunks;
    }

    public void Dispose()
    {
        shelf.Dispose();
        data.Dispose();
    }

    /// <summary>Windows of 400 characters, each starting 80 before the last one ended.</summary>
    private static IEnumerable<(int Start, int End)> Windows(int length)
    {
        for (var start = 0; ; start += 320)
        {
            yield return (start, Math.Min(length, start + 400));
            if (start + 400 >= length)
            {
                yield break;
            }
        }
    }

    private async Task<ShelfSearcher> UseConceptsAsync(SimilarityFloors floors)
    {
        var index = new SemanticIndex(generator, shelf.Vectors("concepts", 6), floors: floors);
        await new ChunkEmbedder(shelf.Store, index).CatchUpAsync(null, CancellationToken.None);
        return new ShelfSearcher(shelf.Store, shelf.Lexical, index);
    }
}
