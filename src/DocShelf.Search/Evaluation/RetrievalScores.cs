namespace DocShelf.Search.Evaluation;

/// <summary>How often the gold document came back: in first place, in the top 5, in the top 10, and the mean reciprocal rank over the top 10.</summary>
public sealed record RetrievalScores(string Mode, int Questions, double RecallAt1, double RecallAt5, double RecallAt10, double MrrAt10, double MillisecondsPerQuery)
{
    /// <param name="ranks">For each question, the 1-based rank of its gold document among distinct documents, or null when not found.</param>
    public static RetrievalScores From(string mode, IReadOnlyList<int?> ranks, TimeSpan elapsed)
    {
        double Share(Func<int?, bool> test) => ranks.Count == 0 ? 0 : Math.Round(ranks.Count(test) / (double)ranks.Count, 4);
        var mrr = ranks.Count == 0 ? 0 : ranks.Sum(r => r is { } rank && rank <= 10 ? 1.0 / rank : 0) / ranks.Count;
        return new RetrievalScores(
            mode,
            ranks.Count,
            Share(r => r == 1),
            Share(r => r <= 5),
            Share(r => r <= 10),
            Math.Round(mrr, 4),
            ranks.Count == 0 ? 0 : Math.Round(elapsed.TotalMilliseconds / ranks.Count, 2));
    }
}
