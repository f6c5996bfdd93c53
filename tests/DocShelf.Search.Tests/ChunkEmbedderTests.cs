using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Search.Semantic;

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
        var chunks = index.Sentences!.ChunksOf("wreck").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, chunks.Count);
        var first = index.Sentences.Of(chunks[0]);
        var second = index.Sentences.Of(chunks[1]);
        Assert.Equal([(0, 30), (31, 52)], first.Select(s => (s.Start, s.End)));
        Assert.Equal([(0, 21), (22, 38)], second.Select(s => (s.Start, s.End)));
        Assert.Equal(first[1].Vector.ToArray(), second[0].Vector.ToArray()); // the shared sentence, stored for each
        Assert.Equal(4, index.Sentences.Count);
        Assert.Equal(2, index.Vectors.KeysOf("wreck").Count);
    }

    [Fact]
    public async Task Chunks_whose_sentences_were_lost_are_embedded_again_and_a_removed_documents_sentences_are_dropped()
    {
        ShelfBuilder.Publish(shelf.Writer!, "wreck", "/shelf/wreck.txt", "The vessel sank off the point. The crew swam ashore.", "The crew swam ashore. Nobody was lost.");
        ShelfBuilder.Publish(shelf.Writer!, "ferry", "/shelf/ferry.txt", "The ferry ran twice a day. It stopped in winter.");
        using var index = new SemanticIndex(generator, shelf.Vectors("m", 6), shelf.SentenceVectors("m", 6));
        var embedder = new ChunkEmbedder(shelf.Store, index);
        await embedder.CatchUpAsync(null, CancellationToken.None);

        // One chunk's sentences forgotten (as when its entry was lost), and a document gone with its vectors left.
        var lostChunk = index.Sentences!.ChunksOf("wreck").Order(StringComparer.Ordinal).First();
        await index.Sentences.DeleteAsync([lostChunk]);
        shelf.Writer!.Remove("ferry");
        var (missing, orphans) = embedder.Plan();

        Assert.Equal([lostChunk], missing);
        Assert.Equal(index.Vectors.KeysOf("ferry").Order(StringComparer.Ordinal), orphans.Order(StringComparer.Ordinal));
        await embedder.CatchUpAsync((missing, orphans), null, CancellationToken.None);
        Assert.Equal([(0, 30), (31, 52)], index.Sentences.Of(lostChunk).Select(s => (s.Start, s.End)));
        Assert.Empty(index.Sentences.ChunksOf("ferry"));
        Assert.DoesNotContain("ferry", index.Sentences.Tally().Keys);
        Assert.Equal(4, index.Sentences.Count);
        var after = embedder.Plan();
        Assert.Empty(after.Missing);
        Assert.Empty(after.Orphans);
    }

    public void Dispose()
    {
        shelf.Dispose();
        data.Dispose();
    }
}
