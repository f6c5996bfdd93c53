using DocShelf.Cli.Composition;
using DocShelf.Cli.Settings;
using DocShelf.Search.Evaluation;
using DocShelf.Search.Semantic;
using DocShelf.Search.Sentences;
using DocShelf.Search.Vectors;

namespace DocShelf.Benchmarks;

/// <summary>
/// How many of the exact ten nearest a shelf's graphs find, on the shelf's own vectors: each query searched as a
/// search by meaning searches (graphs, then re-scored from the rows), and exactly, every stored vector scored in one
/// pass over the store, which is the record of truth. Measured twice: the chunk vectors alone, and the search by
/// meaning whole, where a chunk scores as the better of its vector and its best sentence, against every chunk of the
/// shelf scored that way.
/// </summary>
public static class GraphRecall
{
    private const int Top = 10;

    /// <summary>Rounding between two computations of one cosine: the same bytes decoded, the same function.</summary>
    private const float Tolerance = 1e-6f;

    /// <param name="queries">Embedded by the shelf's own model, as the service embeds them.</param>
    /// <returns>Recall@10 of the chunk vectors, and of the search by meaning with its sentences (NaN when the shelf keeps none).</returns>
    public static async Task<(double Chunks, double WithSentences)> MeasureAsync(string data, IReadOnlyList<string> queries)
    {
        using var shelf = ShelfComposition.OpenForReading(data, SettingsLoader.Load(data));
        var semantic = shelf.Searcher.Semantic ?? throw new InvalidOperationException($"The shelf in {data} has no embedding model.");
        var vectors = new List<ReadOnlyMemory<float>>();
        foreach (var query in queries)
        {
            vectors.Add(await semantic.EmbedQueryAsync(query, CancellationToken.None));
        }

        var chunks = await RecallAsync(semantic.Vectors, vectors);
        var withSentences = semantic.Sentences is { } collection ? await SearchRecallAsync(semantic, collection, queries, vectors) : double.NaN;
        return (chunks, withSentences);
    }

    /// <summary><paramref name="count"/> questions of the SQuAD file at <paramref name="path"/>, spread evenly over it.</summary>
    public static List<string> Questions(string path, int count)
    {
        var all = SquadSet.Load(path).Paragraphs.SelectMany(p => p.Questions).Select(q => q.Question).ToList();
        return [.. Enumerable.Range(0, Math.Min(count, all.Count)).Select(i => all[(int)((long)i * all.Count / Math.Min(count, all.Count))])];
    }

    private static async Task<double> SearchRecallAsync(
        SemanticIndex semantic, SentenceVectors sentences, IReadOnlyList<string> queries, List<ReadOnlyMemory<float>> vectors)
    {
        var found = new List<List<double>>();
        foreach (var query in queries)
        {
            found.Add([.. (await semantic.SearchAsync(query, Top, null, CancellationToken.None)).Select(f => f.Score)]);
        }

        // Every chunk's score for every query: the best of its own vector and its sentences'.
        var scores = new Dictionary<string, float[]>(StringComparer.Ordinal);
        await foreach (var stored in semantic.Vectors.GetAsync(_ => true, int.MaxValue, new() { IncludeVectors = true }))
        {
            var best = scores[stored.ChunkId] = [.. Enumerable.Repeat(float.NegativeInfinity, vectors.Count)];
            foreach (var vector in sentences.Of(stored.ChunkId).Select(s => s.Vector).Prepend(stored.Vector))
            {
                for (var i = 0; i < vectors.Count; i++)
                {
                    best[i] = Math.Max(best[i], Similarity.Cosine(vectors[i].Span, vector.Span));
                }
            }
        }

        // Only chunks above the floor a search shows are in the exact ten; a query with none is left out.
        var floor = semantic.Floors.Search;
        var recalls = new List<double>();
        for (var i = 0; i < vectors.Count; i++)
        {
            var exact = scores.Values.Select(s => s[i]).Where(s => s >= floor).OrderDescending().Take(Top).ToList();
            if (exact.Count > 0)
            {
                recalls.Add(Math.Min(exact.Count, found[i].Count(score => score >= exact[^1] - Tolerance)) / (double)exact.Count);
            }
        }

        return recalls.Count > 0 ? recalls.Average() : double.NaN;
    }

    private static async Task<double> RecallAsync(LiteDbVectorCollection collection, List<ReadOnlyMemory<float>> queries)
    {
        // Each found vector's score is exact, re-scored as the search does, so it compares with the exact ten's.
        var found = queries.Select(q => collection.Nearest(q.Span, Top, null).Select(f => f.Score).ToList()).ToList();
        var best = queries.Select(_ => new PriorityQueue<string, (float Score, string Id)>(Similarity.WorstFirst)).ToList();
        await foreach (var stored in collection.GetAsync(_ => true, int.MaxValue, new() { IncludeVectors = true }))
        {
            for (var i = 0; i < queries.Count; i++)
            {
                best[i].Enqueue(stored.ChunkId, (Similarity.Cosine(queries[i].Span, stored.Vector.Span), stored.ChunkId));
                if (best[i].Count > Top)
                {
                    best[i].Dequeue();
                }
            }
        }

        // Vectors of the same text tie exactly, and which of them make the ten is arbitrary: a vector found counts
        // when it scores as high as the exact tenth.
        return found.Zip(best, (scores, exact) =>
        {
            var tenth = exact.TryPeek(out _, out var worst) ? worst.Score : float.NegativeInfinity;
            return Math.Min(Top, scores.Count(score => score >= tenth - Tolerance)) / (double)Top;
        }).Average();
    }
}
