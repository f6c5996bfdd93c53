using DocShelf.Core.Documents;
using DocShelf.Core.Text;
using DocShelf.Search.Sentences;
using DocShelf.Search.Vectors;
using Microsoft.Extensions.AI;

namespace DocShelf.Search.Semantic;

/// <summary>
/// Makes the vectors a shelf keeps of its chunks: each chunk's, and each of its sentences' when the shelf keeps
/// sentence vectors, every passage with the model's passage prefix. The shelf stores them (<see cref="SemanticIndex.StoreAsync"/>);
/// a worker that reads for a shelf on another machine makes them the same way and sends them there.
/// </summary>
/// <param name="withSentences">Whether sentence vectors are made beside the chunks'.</param>
public sealed class PassageEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, EmbeddingPrefixes prefixes, bool withSentences)
{
    public bool WithSentences => withSentences;

    public async Task<IReadOnlyList<ReadOnlyMemory<float>>> EmbedAsync(IEnumerable<string> passages, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync(passages.Select(p => prefixes.Passage + p), cancellationToken: cancellationToken);
        return [.. embeddings.Select(e => e.Vector)];
    }

    /// <summary>The vectors of <paramref name="chunks"/>, with their sentences' when those are kept.</summary>
    public async Task<ChunkEmbeddings> EmbedChunksAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken)
    {
        var sentences = withSentences
            ? chunks.SelectMany(c => SentenceSpans.Of(c.Text).Select(s => (Chunk: c, s.Start, s.End))).ToList()
            : [];

        // One call for chunks and sentences alike, so the model can batch texts of like length together. A text met
        // twice is embedded once: a sentence where two chunks overlap, a chunk of one sentence, a line on every page.
        string[] texts = [.. chunks.Select(c => c.Text), .. sentences.Select(s => s.Chunk.Text[s.Start..s.End])];
        var distinct = texts.Distinct(StringComparer.Ordinal).ToList();
        var embedded = await EmbedAsync(distinct, cancellationToken);
        var byText = distinct.Zip(embedded).ToDictionary(e => e.First, e => e.Second, StringComparer.Ordinal);
        var vectors = texts.Select(text => byText[text]).ToList();
        List<ChunkSentences> chunkSentences =
        [
            .. sentences.Select((s, i) => (s.Chunk, Sentence: new SentenceVector(s.Start, s.End, vectors[chunks.Count + i])))
                .GroupBy(s => s.Chunk)
                .Select(g => new ChunkSentences(g.Key.Id, g.Key.DocumentId, g.Key.PageNumber, [.. g.Select(s => s.Sentence)])),
        ];
        return new ChunkEmbeddings([.. chunks.Select((c, i) => Record(c, vectors[i]))], chunkSentences);
    }

    private static ChunkVector Record(Chunk chunk, ReadOnlyMemory<float> vector) =>
        new() { ChunkId = chunk.Id, DocumentId = chunk.DocumentId, Page = chunk.PageNumber, Vector = vector };
}
