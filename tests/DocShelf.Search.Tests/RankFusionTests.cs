using DocShelf.Search.Hybrid;

namespace DocShelf.Search.Tests;

public sealed class RankFusionTests
{
    [Fact]
    public void Items_high_in_both_lists_beat_items_high_in_one()
    {
        var fused = RankFusion.Fuse([(["a", "b", "c"], 1.0), (["c", "a", "d"], 1.0)], top: 4);

        // a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62, d: 1/63
        Assert.Equal(["a", "c", "b", "d"], fused.Select(f => f.Key));
        Assert.Equal((1.0 / 61) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal(1.0 / 63, fused[3].Score, 12);
    }

    [Fact]
    public void Weights_scale_each_lists_say()
    {
        var lexicalHeavy = RankFusion.Fuse([(["x"], 2.0), (["y"], 1.0)], top: 2);
        var semanticHeavy = RankFusion.Fuse([(["x"], 1.0), (["y"], 2.0)], top: 2);

        Assert.Equal(["x", "y"], lexicalHeavy.Select(f => f.Key));
        Assert.Equal(["y", "x"], semanticHeavy.Select(f => f.Key));
    }

    [Fact]
    public void A_zero_weight_list_changes_nothing_and_ties_keep_first_seen_order()
    {
        var fused = RankFusion.Fuse([(["p", "q"], 1.0), (["q", "p", "r"], 0.0)], top: 3);

        Assert.Equal(["p", "q", "r"], fused.Select(f => f.Key));
        Assert.Equal(0.0, fused[2].Score);
    }

    [Fact]
    public void The_k_constant_sets_how_fast_ranks_fade()
    {
        var fused = RankFusion.Fuse([(["a", "b"], 1.0)], top: 2, k: 0);

        Assert.Equal([1.0, 0.5], fused.Select(f => f.Score));
    }

    [Fact]
    public void Top_cuts_the_fused_list_and_empty_lists_give_nothing()
    {
        Assert.Single(RankFusion.Fuse([(["a", "b", "c"], 1.0)], top: 1));
        Assert.Empty(RankFusion.Fuse([([], 1.0), ([], 1.0)], top: 5));
    }
}
