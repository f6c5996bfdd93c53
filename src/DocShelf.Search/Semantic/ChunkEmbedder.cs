using DocShelf.Core.Documents;
using DocShelf.Core.Text;
using DocShelf.Search.Sentences;
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
    /// <summary>
    /// What is still to do: chunks without their vectors, and the ids of chunks whose vectors or sentences remain
    /// though the chunk is gone. Each document's tallies of vectors are weighed against its chunk count first, and
    /// only a document they disagree on is looked at chunk by chunk, so a pass over a shelf in step reads one record
    /// per document, not every vector.
    /// </summary>
    public (List<string> Missing, List<string> Orphans) Plan()
    {
        var documents = store.ChunkCounts();
        var chunkTally = index.Vectors.Tally();
        var sentenceTally = index.Sentences?.Tally();
        var missing = new List<string>();
        var orphans = new List<string>();
        foreach (var gone in chunkTally.Keys.Union(sentenceTally?.Keys ?? Enumerable.Empty<string>()).Where(id => !documents.ContainsKey(id)))
        {
            orphans.AddRange(index.Vectors.KeysOf(gone).Union(index.Sentences?.ChunksOf(gone) ?? [], StringComparer.Ordinal));
        }

        // A document with chunks whose sentences were never stored, or were lost, is looked at too. (So is one with a
        // chunk too short to hold a sentence, which has nothing to store: rare, and cheap to look at.)
        foreach (var document in documents.Where(d => chunkTally.GetValueOrDefault(d.Key) != d.Value || (sentenceTally is not null && sentenceTally.GetValueOrDefault(d.Key) != d.Value)).Select(d => d.Key))
        {
            CompareChunks(document, missing, orphans);
        }

        return ([.. missing.Order(StringComparer.Ordinal)], orphans);
    }

    /// <returns>Chunks embedded, and chunks gone whose vectors (and sentences) were dropped.</returns>
    public Task<(int Embedded, int Dropped)> CatchUpAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken) =>
        CatchUpAsync(Plan(), progress, cancellationToken);

    /// <summary>Carries out a <see cref="Plan"/> the caller has already looked at.</summary>
    /// <returns>Chunks embedded, and chunks gone whose vectors (and sentences) were dropped.</returns>
    public async Task<(int Embedded, int Dropped)> CatchUpAsync((List<string> Missing, List<string> Orphans) plan, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var (missing, orphans) = plan;
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
    public async Task EmbedAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken) =>
        await index.StoreAsync(await index.Passages.EmbedChunksAsync(chunks, cancellationToken), cancellationToken);

    private async Task DropAsync(List<string> orphans, CancellationToken cancellationToken)
    {
        if (orphans.Count > 0)
        {
            await index.Vectors.DeleteAsync(orphans, cancellationToken);
            await (index.Sentences?.DeleteAsync(orphans, cancellationToken) ?? Task.CompletedTask);
        }
    }

    /// <summary>One document's chunks against its vectors: chunks without a vector, or without their sentences, and vectors or sentences without a chunk.</summary>
    private void CompareChunks(string documentId, List<string> missing, List<string> orphans)
    {
        var chunks = store.ChunksOf(documentId).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var vectors = index.Vectors.KeysOf(documentId).ToHashSet(StringComparer.Ordinal);
        orphans.AddRange(vectors.Where(id => !chunks.ContainsKey(id)));
        missing.AddRange(chunks.Keys.Where(id => !vectors.Contains(id)));
        if (index.Sentences is { } sentences)
        {
            var withSentences = sentences.ChunksOf(documentId).ToHashSet(StringComparer.Ordinal);
            orphans.AddRange(withSentences.Where(id => !chunks.ContainsKey(id) && !vectors.Contains(id)));
            missing.AddRange(chunks.Values.Where(c => vectors.Contains(c.Id) && !withSentences.Contains(c.Id) && SentenceSpans.Of(c.Text).Any()).Select(c => c.Id));
        }
    }
}
