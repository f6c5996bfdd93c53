using DocShelf.Search.Hybrid;

namespace DocShelf.Search.Tests;

public sealed class ScoreFusionTests
{
    [Fact]
    public void Scores_are_scaled_to_their_ranking_and_weighted_by_the_share()
    {
        var candidates = new HybridCandidates(
            [Chunk("a", 12), Chunk("b", 8), Chunk("c", 2)],
            [Chunk("b", 0.80), Chunk("d", 0.70), Chunk("a", 0.40)]);

        var fused = new ScoreFusion(LexicalShare: 0.6).Fuse(candidates, top: 4);

        // a: 0.6 × 1 + 0.4 × 0 = 0.6; b: 0.6 × 0.6 + 0.4 × 1 = 0.76; d: 0.4 × 0.75 = 0.3; c: 0.
        Assert.Equal(["b", "a", "d", "c"], fused.Select(f => f.ChunkId));
        Assert.Equal(0.76, fused[0].Score, 12);
        Assert.Equal(0.30, fused[2].Score, 12);
    }

    [Fact]
    public void A_decisive_lexical_winner_stays_first_where_rank_fusion_lets_the_semantic_favourite_win()
    {
        // BM25 is sure of "gold"; the embedding model barely prefers "other", and ranks "gold" a close second.
        var candidates = new HybridCandidates(
            [Chunk("gold", 30), Chunk("other", 9), Chunk("x", 8)],
            [Chunk("other", 0.61), Chunk("gold", 0.60), Chunk("y", 0.20)]);

        Assert.Equal("gold", new ScoreFusion(LexicalShare: 0.5).Fuse(candidates, top: 1)[0].ChunkId);
        Assert.Equal("other", new RankFusion(LexicalWeight: 1, SemanticWeight: 1.2).Fuse(candidates, top: 1)[0].ChunkId);
    }

    [Fact]
    public void The_share_runs_from_words_only_to_meaning_only()
    {
        var candidates = new HybridCandidates([Chunk("w", 5), Chunk("m", 1)], [Chunk("m", 0.9), Chunk("w", 0.1)]);

        Assert.Equal("w", new ScoreFusion(LexicalShare: 1).Fuse(candidates, top: 1)[0].ChunkId);
        Assert.Equal("m", new ScoreFusion(LexicalShare: 0).Fuse(candidates, top: 1)[0].ChunkId);
    }

    [Fact]
    public void A_ranking_of_one_counts_its_chunk_fully_and_empty_rankings_give_nothing()
    {
        var fused = new ScoreFusion(LexicalShare: 0.5).Fuse(new HybridCandidates([Chunk("only", 3)], []), top: 3);

        Assert.Equal(0.5, Assert.Single(fused).Score, 12);
        Assert.Empty(new ScoreFusion().Fuse(new HybridCandidates([], []), top: 3));
    }

    private static ScoredChunk Chunk(string id, double score) => new(id, "doc-" + id, score);
}
