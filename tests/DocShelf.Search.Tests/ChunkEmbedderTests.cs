using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Search.Semantic;
using DocShelf.Search.Vectors;

namespace DocShelf.Search.Tests;

/// <summary>Chunks and their sentences embedded and stored, each text through the model once.</summary>
public sealed class ChunkEmbedderTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly Shelf shelf;
    private readonly CountingEmbeddingGenerator generator = new(new ConceptEmbeddingGenerator());

    public ChunkEmbedderTests() => shelf = Shelf.OpenForWriting(data.Path);

    [Fact]
    public async Task A_sentence_two_chunks_share_is_embedded_once_and_stored_for_each()
    {
        // Two chunks that overlap by a sentence, as neighbouring chunks of a page do.
        ShelfBuilder.Publish(shelf.Writer!, "wreck", "/shelf/wreck.txt", "The vessel sank off the point. The crew swam ashore.", "The crew swam ashore. Nobody was lost.");
        using var index = new SemanticIndex(generator, shelf.Vectors("m", 6), shelf.SentenceVectors("m", 6));

        await new ChunkEmbedder(shelf.Store, index).CatchUpAsync(null, CancellationToken.None);

        Assert.Equal(5, generator.Embedded); // two chunks, three distinct sentences
        Assert.Equal(generator.Seen.Distinct(StringComparer.Ordinal), generator.Seen);
        var sentences = index.Sentences!.KeysOf("wreck").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, sentences.Count);
        var shared = sentences.Where(key => key.EndsWith("#31-52", StringComparison.Ordinal) || key.EndsWith("#0-21", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, shared.Count);
        var vectors = new List<ChunkVector>();
        foreach (var key in shared)
        {
            vectors.Add((await index.Sentences.GetAsync(key, new() { IncludeVectors = true }))!);
        }

        Assert.Equal(vectors[0].Vector.ToArray(), vectors[1].Vector.ToArray());
        Assert.Equal(2, index.Vectors.KeysOf("wreck").Count);
    }

    public void Dispose()
    {
        shelf.Dispose();
        data.Dispose();
    }
}
