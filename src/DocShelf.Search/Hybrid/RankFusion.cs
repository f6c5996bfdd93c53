namespace DocShelf.Search.Hybrid;

/// <summary>
/// Reciprocal rank fusion: each ranking gives a chunk weight ÷ (k + rank), and the sums decide the order. It needs
/// no calibration between BM25 scores and cosine similarities, only the ranks; it also ignores how far ahead the
/// first of a ranking is, which is why <see cref="ScoreFusion"/> does better on the shelf's evaluation.
/// </summary>
public sealed record RankFusion(double LexicalWeight = 1, double SemanticWeight = 1, int K = RankFusion.DefaultK) : IHybridFusion
{
    /// <summary>The usual damping constant: chunks deep in a ranking still count, but little.</summary>
    public const int DefaultK = 60;

    public List<ScoredChunk> Fuse(HybridCandidates candidates, int top)
    {
        var fused = new FusedScores();
        Add(fused, candidates.Lexical, LexicalWeight);
        Add(fused, candidates.Semantic, SemanticWeight);
        return fused.Best(top);
    }

    private void Add(FusedScores fused, IReadOnlyList<ScoredChunk> ranking, double weight)
    {
        for (var rank = 0; rank < ranking.Count; rank++)
        {
            fused.Add(ranking[rank], weight / (K + rank + 1));
        }
    }
}
