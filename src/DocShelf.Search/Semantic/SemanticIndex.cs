using DocShelf.Core.Documents;
using DocShelf.Search.Sentences;
using DocShelf.Search.Vectors;
using Microsoft.Extensions.AI;

namespace DocShelf.Search.Semantic;

/// <summary>
/// The dense half of the shelf: an embedding model, the prefixes it expects, the vectors it made of every chunk and,
/// when kept, of every sentence. A chunk's similarity to a query is the higher of its own vector's and its best
/// sentence's, so a chunk holding the one sentence that answers ranks as that sentence does. Sentences are weighed
/// only within the chunks a search found, so no graph of every sentence is kept. Everything that
/// embeds for search goes through here, so queries and passages always get their prefixes.
/// </summary>
/// <param name="floors">Where the model's similarities start to mean something; see docshelf-model.json.</param>
public sealed class SemanticIndex(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    LiteDbVectorCollection vectors,
    SentenceVectors? sentences = null,
    EmbeddingPrefixes? prefixes = null,
    SimilarityFloors? floors = null) : IDisposable
{
    /// <summary>
    /// Chunks taken from the chunk vectors for each one asked for, whose sentences are then weighed, in a search by
    /// meaning alone. For dev-a's questions, 32 find 0.986 of the ten chunks that weighing every sentence of the shelf
    /// would rank first (16: 0.962, 4: 0.895), and the questions' own paragraphs a little more often than the sentence
    /// graphs searched before did (docs/benchmarks.md (v)); at a million chunks such a search takes about 44 ms.
    /// </summary>
    public const int ChunksWeighedAlone = 32;

    /// <summary>
    /// The same in a hybrid search, where the chunks the words found are weighed too: on dev-a, 2 find the questions'
    /// paragraphs as often as 4, or as the sentence graphs did, and a hybrid search stays within its time.
    /// </summary>
    public const int ChunksWeighedBesideWords = 2;

    private readonly EmbeddingPrefixes prefixes = prefixes ?? EmbeddingPrefixes.None;
    private readonly Lock lastQueryLock = new();
    private (string Text, ReadOnlyMemory<float> Vector)? lastQuery;

    /// <summary>An opening started ahead of the first search (<see cref="StartOpening"/>); done when none was.</summary>
    private Task opening = Task.CompletedTask;

    public string Model => vectors.Name;

    public SimilarityFloors Floors { get; } = floors ?? SimilarityFloors.None;

    public LiteDbVectorCollection Vectors => vectors;

    /// <summary>The sentence vectors, or null when this index keeps chunk vectors only.</summary>
    public SentenceVectors? Sentences => sentences;

    public IEmbeddingGenerator<string, Embedding<float>> Generator => generator;

    /// <summary>How this index's chunks and sentences are embedded.</summary>
    public PassageEmbedder Passages { get; } = new(generator, prefixes ?? EmbeddingPrefixes.None, withSentences: sentences is not null);

    /// <summary>Chunk vectors no graph holds yet (held in memory, or read from the store), and sentence entries no saved table holds.</summary>
    public long UnsavedCount => vectors.UnsavedCount + (sentences?.UnsavedCount ?? 0);

    /// <summary>
    /// Saves every chunk vector held in memory into the rows and graphs, as a writer does when its work is done: a
    /// command started afterwards then finds everything saved and reads no vectors from the store to search. (The
    /// sentences' table is saved with every change.)
    /// </summary>
    public Task SaveGraphsAsync(CancellationToken cancellationToken) => vectors.SaveGraphsAsync(cancellationToken);

    /// <summary>Opens the chunks' graphs and the sentences' file and table, as the first search would.</summary>
    public void Open()
    {
        vectors.Open();
        sentences?.Open();
    }

    /// <summary>
    /// Starts <see cref="Open"/> on a thread of the pool, for a caller with other work to do before its first search
    /// (a million chunks' graphs take a third of a second to open); a search meanwhile waits for it.
    /// </summary>
    public void StartOpening() => opening = Task.Run(Open);

    /// <summary>
    /// Opens the chunks' graphs and the sentences' file and table, which starts a writer's saving of what no graph
    /// holds and its merging of sealed graphs, and waits until all of it is done: for a caller that wants the shelf
    /// as searches will find it from now on.
    /// </summary>
    public async Task MergesDoneAsync()
    {
        Open();
        await vectors.MergesDoneAsync();
    }

    /// <summary>The chunks nearest in meaning to <paramref name="query"/>, best first, with their cosine similarity.</summary>
    public Task<List<(ChunkVector Chunk, double Score)>> SearchAsync(
        string query, int top, VectorFilter? filter, CancellationToken cancellationToken) =>
        SearchAsync(query, top, top * ChunksWeighedAlone, filter, [], cancellationToken);

    /// <summary>
    /// The chunks nearest in meaning to <paramref name="query"/> for a hybrid search: those of
    /// <see cref="SearchAsync(string, int, VectorFilter?, CancellationToken)"/>, with the sentences of the chunks the
    /// words found (<paramref name="wordsFound"/>) weighed too. A chunk only the words found ranks by its best sentence.
    /// </summary>
    /// <param name="wordsFound">Chunks the words found; each must pass <paramref name="filter"/> already.</param>
    public Task<List<(ChunkVector Chunk, double Score)>> SearchAsync(
        string query, int top, VectorFilter? filter, IReadOnlyCollection<string> wordsFound, CancellationToken cancellationToken) =>
        SearchAsync(query, top, top * ChunksWeighedBesideWords, filter, wordsFound, cancellationToken);

    /// <summary>
    /// The chunk vectors' best <paramref name="weighed"/> and the chunks another ranking found
    /// (<paramref name="alsoWeigh"/>), each scored by the better of its own vector and its best sentence, the best
    /// <paramref name="top"/> of them first.
    /// </summary>
    private async Task<List<(ChunkVector Chunk, double Score)>> SearchAsync(
        string query, int top, int weighed, VectorFilter? filter, IReadOnlyCollection<string> alsoWeigh, CancellationToken cancellationToken)
    {
        // The query is embedded on another thread while this one opens the chunks' graphs and the sentences' table: a
        // cold command, whose model may still be loading, does not wait for the two one after the other.
        var embedding = Task.Run(() => EmbedQueryAsync(query, cancellationToken), cancellationToken);
        Open();
        var vector = await embedding;
        var best = new Dictionary<string, (ChunkVector Chunk, double Score)>(StringComparer.Ordinal);
        foreach (var (chunk, score) in vectors.Nearest(vector.Span, weighed, filter, cancellationToken))
        {
            best[chunk.ChunkId] = (chunk, score);
        }

        if (sentences is not null)
        {
            var chunks = best.Keys.Concat(alsoWeigh).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (chunkId, (sentence, score)) in sentences.BestInGroups(chunks, vector.Span, cancellationToken))
            {
                if (!best.TryGetValue(chunkId, out var known))
                {
                    best[chunkId] = (sentence with { ChunkId = chunkId }, score);
                }
                else if (score > known.Score)
                {
                    best[chunkId] = (known.Chunk, score);
                }
            }
        }

        return [.. best.Values
            .Where(b => b.Score >= Floors.Search)
            .OrderByDescending(b => b.Score)
            .ThenBy(b => b.Chunk.ChunkId, StringComparer.Ordinal)
            .Take(top)];
    }

    /// <summary>
    /// The stored vectors of a chunk's sentences, by their spans in the chunk's text; a sentence not embedded yet,
    /// or an index without sentence vectors, gives none. Nothing is embedded here.
    /// </summary>
    public Dictionary<(int Start, int End), ReadOnlyMemory<float>> SentenceVectors(string chunkId, IEnumerable<(int Start, int End)> spans)
    {
        var wanted = spans.ToHashSet();
        return (sentences?.Of(chunkId) ?? []).Where(s => wanted.Contains((s.Start, s.End))).ToDictionary(s => (s.Start, s.End), s => s.Vector);
    }

    /// <summary>
    /// The query's vector. The last one is kept, because answering a question searches with it and then weighs
    /// sentences against it: one embedding serves both.
    /// </summary>
    public async Task<ReadOnlyMemory<float>> EmbedQueryAsync(string query, CancellationToken cancellationToken)
    {
        lock (lastQueryLock)
        {
            if (lastQuery is { } last && last.Text == query)
            {
                return last.Vector;
            }
        }

        var vector = await generator.GenerateVectorAsync(prefixes.Query + query, cancellationToken: cancellationToken);
        lock (lastQueryLock)
        {
            lastQuery = (query, vector);
        }

        return vector;
    }

    /// <summary>Drops the vectors of chunks that left the shelf, and of their sentences.</summary>
    public async Task DropAsync(IReadOnlyCollection<Chunk> chunks, CancellationToken cancellationToken)
    {
        await vectors.DeleteAsync(chunks.Select(c => c.Id), cancellationToken);
        if (sentences is not null)
        {
            await sentences.DeleteAsync(chunks.Select(c => c.Id), cancellationToken);
        }
    }

    /// <summary>Stores vectors made by <see cref="Passages"/>: sentences first, so a chunk's vector says all of it is done.</summary>
    public async Task StoreAsync(ChunkEmbeddings embeddings, CancellationToken cancellationToken)
    {
        if (sentences is not null && embeddings.Sentences.Count > 0)
        {
            await sentences.UpsertAsync(embeddings.Sentences, cancellationToken);
        }

        await vectors.UpsertAsync(embeddings.Chunks, cancellationToken);
    }

    public void Dispose()
    {
        // An opening started ahead ends before what it opens is closed. Its failure, if any, is not this one's: the
        // first search met it again and reported it.
        opening.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
        vectors.Dispose();
        sentences?.Dispose();
    }
}
