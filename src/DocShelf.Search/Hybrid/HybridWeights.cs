namespace DocShelf.Search.Hybrid;

/// <summary>How much each list counts when lexical and semantic results are fused.</summary>
public sealed record HybridWeights(double Lexical = 1.0, double Semantic = 1.0, int K = RankFusion.DefaultK);
