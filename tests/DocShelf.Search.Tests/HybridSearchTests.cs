using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Search.Semantic;

namespace DocShelf.Search.Tests;

public sealed class HybridSearchTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly Shelf shelf;
    private readonly ConceptEmbeddingGenerator generator = new();

    public HybridSearchTests()
    {
        shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "vessel", "/shelf/vessel.txt", "The vessel sank off the point.");
        ShelfBuilder.Publish(shelf.Writer!, "shipdues", "/shelf/ship-dues.txt", "Every ship paid dues at the quay.");
        ShelfBuilder.Publish(shelf.Writer!, "gale", "/shelf/gale.txt", "A tempest blew all night from the west.");
        ShelfBuilder.Publish(
            shelf.Writer!,
            ShelfBuilder.Document("scan", "/shelf/scan.pdf") with { Kind = FileKind.Pdf, Dated = "1887-11" },
            (PageSource.Ocr, "A brig was seen at dusk."));
    }

    [Fact]
    public async Task Without_an_embedding_model_only_lexical_search_is_offered()
    {
        Assert.Equal([SearchMode.Lexical], shelf.Searcher.Modes);
        await Assert.ThrowsAsync<SemanticSearchUnavailableException>(() => shelf.Searcher.SearchAsync("ship", 5, null, SearchMode.Semantic));
        Assert.NotEmpty(await shelf.Searcher.SearchAsync("ship", 5, null, SearchMode.Lexical));
    }

    [Fact]
    public async Task Semantic_search_finds_meaning_that_shares_no_word_with_the_query()
    {
        var searcher = await UseConceptsAsync();

        var lexical = await searcher.SearchAsync("boat", 5, null, SearchMode.Lexical);
        var semantic = await searcher.SearchAsync("boat", 3, null, SearchMode.Semantic);

        Assert.Empty(lexical);
        Assert.Equal(["scan", "shipdues", "vessel"], semantic.Select(h => h.DocumentId).Order());
        Assert.All(semantic, h => Assert.InRange(h.Score, 0.5, 1.0));
        Assert.Equal("/shelf/vessel.txt", semantic.Single(h => h.DocumentId == "vessel").Path);
    }

    [Fact]
    public async Task Hybrid_search_puts_what_both_lists_agree_on_first_and_keeps_what_only_one_found()
    {
        var searcher = await UseConceptsAsync();

        var hybrid = await searcher.SearchAsync("ship", 4, null, SearchMode.Hybrid);

        Assert.Equal("shipdues", hybrid[0].DocumentId); // the only chunk with the word, and a ship in meaning
        Assert.Contains(hybrid, h => h.DocumentId == "vessel"); // found by meaning alone
        Assert.Contains("ship", hybrid[0].Snippet[hybrid[0].Highlights[0].Start..].ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_apply_to_semantic_results_too()
    {
        var searcher = await UseConceptsAsync();

        var hits = await searcher.SearchAsync("boat", 5, new SearchFilters { Sources = [PageSource.Ocr] }, SearchMode.Semantic);

        Assert.Equal(["scan"], hits.Select(h => h.DocumentId));
    }

    [Fact]
    public async Task The_date_filter_applies_to_semantic_results_too()
    {
        var searcher = await UseConceptsAsync();

        var dated = await searcher.SearchAsync("boat", 5, new SearchFilters { DatedToYear = 1899 }, SearchMode.Semantic);
        var later = await searcher.SearchAsync("boat", 5, new SearchFilters { DatedFromYear = 1900 }, SearchMode.Semantic);

        Assert.Equal(["scan"], dated.Select(h => h.DocumentId));
        Assert.Empty(later);
    }

    [Fact]
    public async Task The_embedder_catches_up_resumes_and_drops_vectors_of_chunks_that_left()
    {
        var index = new SemanticIndex(generator, shelf.Vectors("concepts", 6));
        var embedder = new ChunkEmbedder(shelf.Store, index, batchSize: 2);

        Assert.Equal((4, 0), await embedder.CatchUpAsync(null, CancellationToken.None));
        Assert.Equal((0, 0), await embedder.CatchUpAsync(null, CancellationToken.None));

        // One vector lost from a document otherwise whole, as a kill between batches leaves it: found and made again.
        var lost = shelf.Store.ChunksOf("vessel")[0].Id;
        await index.Vectors.DeleteAsync(lost);
        Assert.Equal([lost], embedder.Plan().Missing);
        Assert.Equal((1, 0), await embedder.CatchUpAsync(null, CancellationToken.None));

        shelf.Writer!.Forget("/shelf/gale.txt");
        ShelfBuilder.Publish(shelf.Writer!, "new", "/shelf/new.txt", "A new lamp was lit.");
        var progress = new List<(int, int)>();
        Assert.Equal((1, 1), await embedder.CatchUpAsync(new SynchronousProgress<(int, int)>(progress.Add), CancellationToken.None));
        Assert.Equal([(1, 1)], progress);
        Assert.Equal(4, index.Vectors.Count);
    }

    [Fact]
    public async Task A_chunk_ranks_as_its_best_sentence_when_sentence_vectors_are_kept()
    {
        // Two lamp sentences in a long chunk of money talk: the chunk as a whole is about money, one sentence about light.
        ShelfBuilder.Publish(shelf.Writer!, "ledger", "/shelf/ledger.txt",
            "The dues were paid. The price rose. The cost was high. Pounds were owed. The lamp was lit.");
        ShelfBuilder.Publish(shelf.Writer!, "mixed", "/shelf/mixed.txt", "A lamp and a boat and a gale and some dues.");
        var chunksOnly = new SemanticIndex(generator, shelf.Vectors("concepts", 6));
        var withSentences = new SemanticIndex(generator, shelf.Vectors("concepts-s", 6), shelf.SentenceVectors("concepts-s", 6));
        await new ChunkEmbedder(shelf.Store, chunksOnly).CatchUpAsync(null, CancellationToken.None);
        await new ChunkEmbedder(shelf.Store, withSentences).CatchUpAsync(null, CancellationToken.None);

        var byChunk = await chunksOnly.SearchAsync("lantern", 1, null, CancellationToken.None);
        var bySentence = await withSentences.SearchAsync("lantern", 2, null, CancellationToken.None);

        Assert.Equal("mixed", byChunk[0].Chunk.DocumentId);
        Assert.Equal("ledger", bySentence[0].Chunk.DocumentId); // "The lamp was lit." is all light
        Assert.Equal(1.0, bySentence[0].Score, 3);
        Assert.DoesNotContain('#', bySentence[0].Chunk.ChunkId); // reported as its chunk, not the sentence
    }

    [Fact]
    public async Task In_a_hybrid_search_a_chunk_the_words_found_is_weighed_by_its_best_sentence()
    {
        // Ninety chunks nearer the query by their own vectors than the ledger, which holds the query's word in one
        // sentence: more than a hybrid search takes from the chunk vectors, so only the words bring the ledger in.
        ShelfBuilder.Publish(shelf.Writer!, "ledger", "/shelf/ledger.txt",
            "The dues were paid. The price rose. The cost was high. Pounds were owed. The lamp was lit.");
        for (var i = 0; i < 90; i++)
        {
            ShelfBuilder.Publish(shelf.Writer!, $"beacon{i}", $"/shelf/beacon-{i}.txt", "A beacon shone over the boat in the gale.");
        }

        var index = new SemanticIndex(generator, shelf.Vectors("concepts", 6), shelf.SentenceVectors("concepts", 6));
        await new ChunkEmbedder(shelf.Store, index).CatchUpAsync(null, CancellationToken.None);
        var searcher = new ShelfSearcher(shelf.Store, shelf.Lexical, index);
        var depth = ShelfSearcher.HybridDepth(10);
        Assert.True(90 > depth * SemanticIndex.ChunksWeighedBesideWords);

        var candidates = await searcher.CandidatesAsync("lamp", depth, null);

        Assert.Equal("ledger", Assert.Single(candidates.Lexical).DocumentId);
        Assert.Equal("ledger", candidates.Semantic[0].DocumentId); // "The lamp was lit." is all light
        Assert.Equal(1.0, candidates.Semantic[0].Score, 3);
        Assert.DoesNotContain(index.Vectors.Nearest((await index.EmbedQueryAsync("lamp", CancellationToken.None)).Span, depth * SemanticIndex.ChunksWeighedBesideWords, null),
            found => found.Record.DocumentId == "ledger"); // its own vector is not among those weighed
    }

    [Fact]
    public async Task Chunks_below_the_models_floor_are_no_match_at_all()
    {
        var index = new SemanticIndex(generator, shelf.Vectors("concepts", 6), floors: new SimilarityFloors(Search: 0.5));
        await new ChunkEmbedder(shelf.Store, index).CatchUpAsync(null, CancellationToken.None);

        var nothing = await index.SearchAsync("zzzz qqqq", 5, null, CancellationToken.None);
        var ships = await index.SearchAsync("boat", 5, null, CancellationToken.None);

        Assert.Empty(nothing); // shares only the small common part with every chunk
        Assert.Equal(["scan", "shipdues", "vessel"], ships.Select(s => s.Chunk.DocumentId).Order());
    }

    [Fact]
    public async Task Chunks_embedded_before_sentence_vectors_were_kept_get_them_and_stale_sentences_go()
    {
        await new ChunkEmbedder(shelf.Store, new SemanticIndex(generator, shelf.Vectors("concepts", 6))).CatchUpAsync(null, CancellationToken.None);
        var index = new SemanticIndex(generator, shelf.Vectors("concepts", 6), shelf.SentenceVectors("concepts", 6));
        var embedder = new ChunkEmbedder(shelf.Store, index);

        Assert.Equal(4, embedder.Plan().Missing.Count); // every chunk has its vector, none its sentences
        Assert.Equal((4, 0), await embedder.CatchUpAsync(null, CancellationToken.None));
        Assert.Equal(4, index.Sentences!.Count);

        shelf.Writer!.Forget("/shelf/gale.txt");
        Assert.Equal((0, 1), await embedder.CatchUpAsync(null, CancellationToken.None)); // the chunk gone: its vector and its sentence
        Assert.Equal(3, index.Sentences.Count);
        Assert.Empty(embedder.Plan().Missing);
    }

    public void Dispose()
    {
        shelf.Dispose();
        data.Dispose();
    }

    /// <summary>Embeds the shelf with the concept model and returns a searcher that uses it.</summary>
    private async Task<ShelfSearcher> UseConceptsAsync()
    {
        var index = new SemanticIndex(generator, shelf.Vectors("concepts", 6));
        await new ChunkEmbedder(shelf.Store, index).CatchUpAsync(null, CancellationToken.None);
        return new ShelfSearcher(shelf.Store, shelf.Lexical, index);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
