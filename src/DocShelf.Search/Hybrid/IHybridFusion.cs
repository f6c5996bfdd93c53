namespace DocShelf.Search.Hybrid;

/// <summary>A rule that merges the lexical and the semantic ranking of one query into one.</summary>
public interface IHybridFusion
{
    /// <summary>The <paramref name="top"/> best chunks of both rankings, best first, each with its fused score.</summary>
    List<ScoredChunk> Fuse(HybridCandidates candidates, int top);
}
