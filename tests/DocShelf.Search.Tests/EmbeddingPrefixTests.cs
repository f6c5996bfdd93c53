using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Search.Semantic;

namespace DocShelf.Search.Tests;

/// <summary>Queries and passages reach the model with the prefixes it was trained with, and a query is embedded once.</summary>
public sealed class EmbeddingPrefixTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly Shelf shelf;
    private readonly CountingEmbeddingGenerator generator = new(new ConceptEmbeddingGenerator());

    public EmbeddingPrefixTests()
    {
        shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "vessel", "/shelf/vessel.txt", "The vessel sank off the point.");
    }

    [Fact]
    public async Task Queries_and_passages_get_their_prefixes_and_the_last_query_vector_is_reused()
    {
        using var index = new SemanticIndex(generator, shelf.Vectors("m", 6), shelf.SentenceVectors("m", 6), new EmbeddingPrefixes("query: ", "passage: "));

        await new ChunkEmbedder(shelf.Store, index).CatchUpAsync(null, CancellationToken.None);
        await index.SearchAsync("boat", 3, null, CancellationToken.None);
        await index.EmbedQueryAsync("boat", CancellationToken.None);

        // The chunk is one sentence, so its text is embedded once for the chunk and the sentence.
        Assert.Equal(["passage: The vessel sank off the point.", "query: boat"], generator.Seen);
    }

    public void Dispose()
    {
        shelf.Dispose();
        data.Dispose();
    }
}
