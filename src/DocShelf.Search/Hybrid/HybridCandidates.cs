namespace DocShelf.Search.Hybrid;

/// <summary>What the two rankings found for one query, each best first: BM25 scores and cosine similarities.</summary>
public sealed record HybridCandidates(IReadOnlyList<ScoredChunk> Lexical, IReadOnlyList<ScoredChunk> Semantic);
