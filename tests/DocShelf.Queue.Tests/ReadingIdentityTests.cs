using DocShelf.Queue.Work;

namespace DocShelf.Queue.Tests;

/// <summary>Which workers may read for a shelf, and the reason one may not.</summary>
public sealed class ReadingIdentityTests
{
    private static readonly ReadingIdentity Shelf = new("1.1.0", "snowflake-arctic-embed-xs", "cf2698d3aa0e1f5b936c", "eng");

    [Fact]
    public void The_same_identity_has_the_same_key_and_no_differences()
    {
        var worker = Shelf with { };

        Assert.Equal(Shelf.Key, worker.Key);
        Assert.Matches("^[0-9a-f]{16}$", Shelf.Key);
        Assert.Empty(Shelf.DifferencesFrom(worker));
    }

    [Fact]
    public void Another_release_another_model_or_other_weights_each_change_the_key_and_say_so()
    {
        var newer = Shelf with { DocShelfVersion = "1.2.0" };
        var otherModel = Shelf with { EmbeddingModel = "all-MiniLM-L6-v2", EmbeddingSha256 = "6fd5d72fe4589f189f8e" };
        var otherWeights = Shelf with { EmbeddingSha256 = "0000aaaa1111bbbb2222" };
        var wordsOnly = Shelf with { EmbeddingModel = null, EmbeddingSha256 = null };

        Assert.Equal(5, new[] { Shelf, newer, otherModel, otherWeights, wordsOnly }.Select(i => i.Key).Distinct().Count());
        Assert.Equal(["DocShelf 1.2.0 where the shelf runs 1.1.0"], Shelf.DifferencesFrom(newer));
        Assert.Equal(
            ["embedding model all-MiniLM-L6-v2 (sha256 6fd5d72fe458…) where the shelf uses snowflake-arctic-embed-xs (sha256 cf2698d3aa0e…)"],
            Shelf.DifferencesFrom(otherModel));
        Assert.Single(Shelf.DifferencesFrom(otherWeights));
        Assert.Equal(
            ["embedding model none (words only) where the shelf uses snowflake-arctic-embed-xs (sha256 cf2698d3aa0e…)"],
            Shelf.DifferencesFrom(wordsOnly));
    }
}
