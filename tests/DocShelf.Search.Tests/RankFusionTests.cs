using DocShelf.Search.Hybrid;

namespace DocShelf.Search.Tests;

public sealed class RankFusionTests
{
    [Fact]
    public void Items_high_in_both_lists_beat_items_high_in_one()
    {
        var fused = new RankFusion().Fuse(Rankings(["a", "b", "c"], ["c", "a", "d"]), top: 4);

        // a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62, d: 1/63
        Assert.Equal(["a", "c", "b", "d"], fused.Select(f => f.ChunkId));
        Assert.Equal((1.0 / 61) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal(1.0 / 63, fused[3].Score, 12);
    }

    [Fact]
    public void Weights_scale_each_lists_say()
    {
        var lexicalHeavy = new RankFusion(LexicalWeight: 2, SemanticWeight: 1).Fuse(Rankings(["x"], ["y"]), top: 2);
        var semanticHeavy = new RankFusion(LexicalWeight: 1, SemanticWeight: 2).Fuse(Rankings(["x"], ["y"]), top: 2);

        Assert.Equal(["x", "y"], lexicalHeavy.Select(f => f.ChunkId));
        Assert.Equal(["y", "x"], semanticHeavy.Select(f => f.ChunkId));
    }

    [Fact]
    public void A_zero_weight_list_changes_nothing_and_ties_keep_first_seen_order()
    {
        var fused = new RankFusion(SemanticWeight: 0).Fuse(Rankings(["p", "q"], ["q", "p", "r"]), top: 3);

        Assert.Equal(["p", "q", "r"], fused.Select(f => f.ChunkId));
        Assert.Equal(0.0, fused[2].Score);
    }

    [Fact]
    public void The_k_constant_sets_how_fast_ranks_fade()
    {
        var fused = new RankFusion(K: 0).Fuse(Rankings(["a", "b"], []), top: 2);

        Assert.Equal([1.0, 0.5], fused.Select(f => f.Score));
    }

    [Fact]
    public void Top_cuts_the_fused_list_and_empty_lists_give_nothing()
    {
        Assert.Single(new RankFusion().Fuse(Rankings(["a", "b", "c"], []), top: 1));
        Assert.Empty(new RankFusion().Fuse(Rankings([], []), top: 5));
    }

    /// <summary>Two rankings of chunks, each chunk its own document, scored by position only.</summary>
    internal static HybridCandidates Rankings(string[] lexical, string[] semantic) =>
        new([.. lexical.Select((id, i) => new ScoredChunk(id, "doc-" + id, lexical.Length - i))],
            [.. semantic.Select((id, i) => new ScoredChunk(id, "doc-" + id, semantic.Length - i))]);
}
