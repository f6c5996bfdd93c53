using DocShelf.Cli.Composition;
using DocShelf.Cli.Settings;
using DocShelf.Search.Evaluation;
using DocShelf.Search.Vectors;

namespace DocShelf.Benchmarks;

/// <summary>
/// How many of the exact ten nearest a shelf's graphs find, on the shelf's own vectors: each query searched as a
/// search by meaning searches (graphs, then re-scored from the rows), and exactly, every stored vector scored in one
/// pass over the store, which is the record of truth.
/// </summary>
public static class GraphRecall
{
    private const int Top = 10;

    /// <summary>Rounding between two computations of one cosine: the same bytes decoded, the same function.</summary>
    private const float Tolerance = 1e-6f;

    /// <param name="queries">Embedded by the shelf's own model, as the service embeds them.</param>
    /// <returns>Recall@10 of the chunks' vectors, and of the sentences' (NaN when the shelf keeps none).</returns>
    public static async Task<(double Chunks, double Sentences)> MeasureAsync(string data, IReadOnlyList<string> queries)
    {
        using var shelf = ShelfComposition.OpenForReading(data, SettingsLoader.Load(data));
        var semantic = shelf.Searcher.Semantic ?? throw new InvalidOperationException($"The shelf in {data} has no embedding model.");
        var vectors = new List<ReadOnlyMemory<float>>();
        foreach (var query in queries)
        {
            vectors.Add(await semantic.EmbedQueryAsync(query, CancellationToken.None));
        }

        var chunks = await RecallAsync(semantic.Vectors, vectors);
        var sentences = semantic.Sentences is { } collection ? await RecallAsync(collection, vectors) : double.NaN;
        return (chunks, sentences);
    }

    /// <summary><paramref name="count"/> questions of the SQuAD file at <paramref name="path"/>, spread evenly over it.</summary>
    public static List<string> Questions(string path, int count)
    {
        var all = SquadSet.Load(path).Paragraphs.SelectMany(p => p.Questions).Select(q => q.Question).ToList();
        return [.. Enumerable.Range(0, Math.Min(count, all.Count)).Select(i => all[(int)((long)i * all.Count / Math.Min(count, all.Count))])];
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
