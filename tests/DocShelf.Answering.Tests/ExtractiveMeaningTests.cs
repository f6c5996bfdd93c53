using DocShelf.Answering.Extractive;
using DocShelf.Core.Text;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;
using DocShelf.Search.Semantic;

namespace DocShelf.Answering.Tests;

/// <summary>
/// Two sentences share the same question words; only one is about the thing asked (a beacon is a lamp to the
/// concept model). Words alone prefer the tighter sentence; with an embedding model the one meant comes first.
/// </summary>
public sealed class ExtractiveMeaningTests : IAsyncLifetime
{
    private const string Question = "Which pier lamp was mended on Monday?";
    private const string Railings = "On Monday the pier railings were mended.";
    private const string Beacon = "On Monday the pier and its old beacon were mended.";

    private readonly TempFolder folder = new();
    private Shelf shelf = null!;

    /// <summary>The shelf's own words-only searcher, or one with the concept model once a test connects it.</summary>
    private ShelfSearcher searcher = null!;

    public async Task InitializeAsync()
    {
        var note = folder.File("pier.txt");
        await File.WriteAllTextAsync(note, $"Pier works\n\n{Railings} {Beacon}\n");
        shelf = Shelf.OpenForWriting(folder.Folder("data"));
        using var chain = IngestionChain.Create(shelf, new IngestionOptions());
        await chain.Runner.RunAsync([note], SilentObserver.Instance, CancellationToken.None);
        searcher = shelf.Searcher;
    }

    [Fact]
    public async Task Without_a_model_the_sentence_with_the_closest_words_comes_first()
    {
        var answer = await new ExtractiveAnswerer(searcher, shelf.Store).AnswerAsync(Question);

        Assert.True(answer.Found, answer.Text);
        Assert.Equal(Railings, answer.Citations[0].Quote);
    }

    [Fact]
    public async Task With_an_embedding_model_the_sentence_closest_in_meaning_comes_first()
    {
        using var index = await UseConceptsAsync();

        var answer = await new ExtractiveAnswerer(searcher, shelf.Store).AnswerAsync(Question);
        var wordsOnly = await new ExtractiveAnswerer(searcher, shelf.Store, new ExtractiveOptions { MeaningWeight = 0 }).AnswerAsync(Question);

        Assert.True(answer.Found, answer.Text);
        Assert.Equal(Beacon, answer.Citations[0].Quote);
        Assert.Equal(Railings, wordsOnly.Citations[0].Quote);
    }

    [Fact]
    public async Task Only_the_question_is_embedded_at_question_time_the_sentences_were_embedded_at_ingest()
    {
        using var index = await UseConceptsAsync();
        var counting = (CountingEmbeddingGenerator)index.Generator;
        var atIngest = counting.Embedded;

        var answer = await new ExtractiveAnswerer(searcher, shelf.Store).AnswerAsync(Question);

        Assert.Equal(Beacon, answer.Citations[0].Quote);
        var chunk = Assert.Single(shelf.Store.ChunkIds());
        var sentences = SentenceSpans.Of(shelf.Store.FindChunk(chunk)!.Text).Count();
        Assert.Equal(1 + sentences, atIngest); // the chunk and each of its sentences
        Assert.Equal(sentences, index.Sentences!.Count);
        Assert.Equal(1, counting.Embedded - atIngest); // the question alone, once, though both search and answer use it
    }

    [Fact]
    public async Task Meaning_alone_does_not_answer_a_question_whose_words_are_not_on_the_shelf()
    {
        using var index = await UseConceptsAsync();

        var answer = await new ExtractiveAnswerer(searcher, shelf.Store).AnswerAsync("Was the lantern at the lighthouse ever lit?");

        Assert.False(answer.Found, answer.Text);
    }

    [Fact]
    public async Task With_an_answer_floor_a_sentence_far_in_meaning_is_not_given_though_its_words_would_do()
    {
        const string AboutAGale = "Which pier gale was on Monday?"; // "pier" and "Monday" are there, no gale is
        using var index = await UseConceptsAsync();
        var byWords = await new ExtractiveAnswerer(searcher, shelf.Store).AnswerAsync(AboutAGale);

        using var floored = await UseConceptsAsync(new SimilarityFloors(Answer: 0.5));
        var byMeaning = await new ExtractiveAnswerer(searcher, shelf.Store).AnswerAsync(AboutAGale);
        var stillFound = await new ExtractiveAnswerer(searcher, shelf.Store).AnswerAsync(Question);

        Assert.True(byWords.Found, "words alone hold enough of the question");
        Assert.False(byMeaning.Found, byMeaning.Text);
        Assert.Equal(Beacon, stillFound.Citations[0].Quote); // close in meaning: answered
    }

    public Task DisposeAsync()
    {
        shelf.Dispose();
        folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Embeds the shelf with the concept model and searches with it.</summary>
    private async Task<SemanticIndex> UseConceptsAsync(SimilarityFloors? floors = null)
    {
        var index = new SemanticIndex(
            new CountingEmbeddingGenerator(new ConceptEmbeddingGenerator()), shelf.Vectors("concepts", 6), shelf.SentenceVectors("concepts", 6), floors: floors);
        await new ChunkEmbedder(shelf.Store, index).CatchUpAsync(null, CancellationToken.None);
        searcher = new ShelfSearcher(shelf.Store, shelf.Lexical, index);
        return index;
    }
}
