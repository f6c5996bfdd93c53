using DocShelf.Search.Store;
using DocShelf.Search.Vectors;

namespace DocShelf.Search.Semantic;

/// <summary>
/// Brings a vector collection in line with the shelf's chunks: embeds every chunk that has no vector yet and drops
/// vectors whose chunk is gone. Vectors are keyed by chunk id and written batch by batch, so the work can stop at
/// any moment and resume where it stopped; the same pass serves new documents and a change of model.
/// </summary>
public sealed class ChunkEmbedder(ShelfStore store, SemanticIndex index, int batchSize = 64)
{
    /// <summary>What is still to do: chunks without a vector, and vectors without a chunk.</summary>
    public (List<string> Missing, List<string> Orphans) Plan()
    {
        var chunks = store.ChunkIds();
        var vectors = index.Vectors.Keys();
        return ([.. chunks.Where(id => !vectors.Contains(id)).Order(StringComparer.Ordinal)], [.. vectors.Where(id => !chunks.Contains(id))]);
    }

    /// <returns>Chunks embedded and vectors dropped.</returns>
    public async Task<(int Embedded, int Dropped)> CatchUpAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var (missing, orphans) = Plan();
        if (orphans.Count > 0)
        {
            await index.Vectors.DeleteAsync(orphans, cancellationToken);
        }

        var done = 0;
        foreach (var batch in missing.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunks = batch.Select(store.FindChunk).OfType<Core.Documents.Chunk>().ToList();
            var embeddings = await index.Generator.GenerateAsync(chunks.Select(c => c.Text), cancellationToken: cancellationToken);
            await index.Vectors.UpsertAsync(
                chunks.Zip(embeddings, (chunk, embedding) => new ChunkVector { ChunkId = chunk.Id, DocumentId = chunk.DocumentId, Page = chunk.PageNumber, Vector = embedding.Vector }),
                cancellationToken);
            done += batch.Length;
            progress?.Report((done, missing.Count));
        }

        return (done, orphans.Count);
    }
}
