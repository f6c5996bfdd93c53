using DocShelf.Core.Documents;
using DocShelf.Core.Text;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;

namespace DocShelf.Search.Semantic;

/// <summary>
/// Brings the vector collections in line with the shelf's chunks: embeds every chunk that has no vector yet, with
/// its sentences when the index keeps sentence vectors, and drops vectors whose chunk is gone. Vectors are keyed by
/// chunk id and written batch by batch, sentences before their chunk, so a chunk's vector says all of it is done:
/// the work can stop at any moment and resume where it stopped, and the same pass serves new documents, a change
/// of model, and a shelf whose chunks were embedded before sentence vectors were kept.
/// </summary>
public sealed class ChunkEmbedder(ShelfStore store, SemanticIndex index, int batchSize = 64)
{
    /// <summary>What is still to do: chunks without their vectors, and vectors without a chunk.</summary>
    public (List<string> Missing, List<string> Orphans) Plan()
    {
        var chunks = store.ChunkIds();
        var vectors = index.Vectors.Keys();
        var orphans = vectors.Where(id => !chunks.Contains(id)).ToList();
        var missing = chunks.Where(id => !vectors.Contains(id)).ToHashSet(StringComparer.Ordinal);
        if (index.Sentences is { } sentences)
        {
            var keys = sentences.Keys();
            var withSentences = keys.Select(SentenceKey.ChunkOf).ToHashSet(StringComparer.Ordinal);
            orphans.AddRange(keys.Where(key => !chunks.Contains(SentenceKey.ChunkOf(key))));
            missing.UnionWith(vectors.Where(id => chunks.Contains(id) && !withSentences.Contains(id) && HasSentences(id)));
        }

        return ([.. missing.Order(StringComparer.Ordinal)], orphans);
    }

    /// <returns>Chunks embedded and vectors dropped.</returns>
    public async Task<(int Embedded, int Dropped)> CatchUpAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var (missing, orphans) = Plan();
        await DropAsync(orphans, cancellationToken);
        var done = 0;
        foreach (var batch in missing.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await EmbedAsync([.. batch.Select(store.FindChunk).OfType<Chunk>()], cancellationToken);
            done += batch.Length;
            progress?.Report((done, missing.Count));
        }

        return (done, orphans.Count);
    }

    /// <summary>Embeds the chunks given, with their sentences, and stores the vectors: sentences first, chunks last.</summary>
    public async Task EmbedAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken)
    {
        var sentences = index.Sentences is null
            ? []
            : chunks.SelectMany(c => SentenceSpans.Of(c.Text).Select(s => (Chunk: c, s.Start, s.End))).ToList();

        // One call for chunks and sentences alike, so the model can batch texts of like length together.
        var vectors = await index.EmbedPassagesAsync([.. chunks.Select(c => c.Text), .. sentences.Select(s => s.Chunk.Text[s.Start..s.End])], cancellationToken);
        if (index.Sentences is { } collection && sentences.Count > 0)
        {
            await collection.UpsertAsync(
                sentences.Select((s, i) => Record(SentenceKey.Of(s.Chunk.Id, s.Start, s.End), s.Chunk, vectors[chunks.Count + i])),
                cancellationToken);
        }

        await index.Vectors.UpsertAsync(chunks.Select((c, i) => Record(c.Id, c, vectors[i])), cancellationToken);
    }

    private async Task DropAsync(List<string> orphans, CancellationToken cancellationToken)
    {
        var sentenceKeys = orphans.Where(SentenceKey.IsSentence).ToList();
        var chunkKeys = orphans.Where(key => !SentenceKey.IsSentence(key)).ToList();
        if (chunkKeys.Count > 0)
        {
            await index.Vectors.DeleteAsync(chunkKeys, cancellationToken);
        }

        if (sentenceKeys.Count > 0 && index.Sentences is { } sentences)
        {
            await sentences.DeleteAsync(sentenceKeys, cancellationToken);
        }
    }

    private bool HasSentences(string chunkId) => store.FindChunk(chunkId) is { } chunk && SentenceSpans.Of(chunk.Text).Any();

    private static ChunkVector Record(string key, Chunk chunk, ReadOnlyMemory<float> vector) =>
        new() { ChunkId = key, DocumentId = chunk.DocumentId, Page = chunk.PageNumber, Vector = vector };
}
