using DocShelf.Core.Search;
using DocShelf.Search.Evaluation;

namespace DocShelf.Search.Tests;

public sealed class RetrievalScoresTests
{
    [Fact]
    public void Recall_and_mrr_follow_the_gold_ranks()
    {
        var scores = RetrievalScores.From("lexical", [1, 2, 6, null, 11], TimeSpan.FromMilliseconds(50));

        Assert.Equal(0.2, scores.RecallAt1);
        Assert.Equal(0.4, scores.RecallAt5);
        Assert.Equal(0.6, scores.RecallAt10);
        Assert.Equal(Math.Round((1 + 0.5 + (1.0 / 6)) / 5, 4), scores.MrrAt10);
        Assert.Equal(10, scores.MillisecondsPerQuery);
    }

    [Fact]
    public void The_gold_rank_counts_documents_not_chunks()
    {
        SearchHit Hit(string document, int chunk) => new()
        {
            DocumentId = document,
            Path = "",
            Page = 1,
            ChunkId = $"{document}/1/{chunk}",
            Score = 1,
            Match = HitMatch.Words,
            Snippet = "",
        };

        Assert.Equal(2, RetrievalEvaluator.RankOf("b", [Hit("a", 0), Hit("a", 1), Hit("b", 0)]));
        Assert.Null(RetrievalEvaluator.RankOf("z", [Hit("a", 0)]));
    }
}
