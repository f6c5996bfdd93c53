namespace DocShelf.Search.Hybrid;

/// <summary>
/// Fusion of normalised scores: each ranking's scores are scaled to 0…1 over the chunks it returned for this query
/// (its best is 1, its last 0, a chunk it did not return 0), and the fused score is
/// <see cref="LexicalShare"/> × lexical + (1 − share) × semantic. Unlike rank fusion it keeps how decisively each
/// ranking prefers its first result, so a clear lexical winner is not pulled down by a vague semantic one.
/// </summary>
public sealed record ScoreFusion(double LexicalShare = ScoreFusion.DefaultLexicalShare) : IHybridFusion
{
    /// <summary>Tuned on half of the SQuAD dev-a articles with the built-in model; see docs/benchmarks.md.</summary>
    public const double DefaultLexicalShare = 0.45;

    public List<ScoredChunk> Fuse(HybridCandidates candidates, int top)
    {
        var fused = new FusedScores();
        Add(fused, candidates.Lexical, LexicalShare);
        Add(fused, candidates.Semantic, 1 - LexicalShare);
        return fused.Best(top);
    }

    private static void Add(FusedScores fused, IReadOnlyList<ScoredChunk> ranking, double share)
    {
        if (ranking.Count == 0)
        {
            return;
        }

        var best = ranking.Max(c => c.Score);
        var worst = ranking.Min(c => c.Score);
        var range = best - worst;
        foreach (var chunk in ranking)
        {
            // A ranking with one result, or all equal, says only that it found them: each counts fully.
            var normalised = range > 0 ? (chunk.Score - worst) / range : 1;
            fused.Add(chunk, share * normalised);
        }
    }
}
