using DocShelf.Fixtures.Testing;

namespace DocShelf.Ocr.Tests;

public class WordAccuracyTests
{
    [Fact]
    public void Identical_text_scores_one_and_punctuation_specks_are_ignored()
    {
        Assert.Equal(1, WordAccuracy.Of("The lamp was lit.", "The lamp . was lit"));
    }

    [Fact]
    public void One_wrong_word_in_four_scores_three_quarters()
    {
        Assert.Equal(0.75, WordAccuracy.Of("the lamp was lit", "the lamp wus lit"));
    }

    [Fact]
    public void Missing_and_extra_words_count_as_errors()
    {
        Assert.Equal(0.5, WordAccuracy.Of("a b c d", "a b"));
        Assert.Equal(0.75, WordAccuracy.Of("a b c d", "a b x c d"));
    }
}
