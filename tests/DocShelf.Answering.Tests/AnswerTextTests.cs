using DocShelf.Answering.Evaluation;

namespace DocShelf.Answering.Tests;

public sealed class AnswerTextTests
{
    [Theory]
    [InlineData("The lamp was lost in the Gale of 1893. [1]", "the gale", true)]
    [InlineData("Fares were one penny, carts sixpence. [2]", "One penny.", true)]
    [InlineData("It cost 1,200 pounds [1][2].", "1,200", true)]
    [InlineData("The engineers came in 1902. [1]", "engineer", false)] // whole words only
    [InlineData("Built in 1902 [1]", "1", false)] // a citation marker is no part of the answer
    [InlineData("Anything at all.", "the", false)] // nothing left of the gold text to find
    public void Gold_text_is_found_as_whole_words_after_squad_normalisation(string answer, string gold, bool holds) =>
        Assert.Equal(holds, AnswerText.Holds(answer, gold));

    [Fact]
    public void Words_are_counted_without_citation_markers() =>
        Assert.Equal(6, AnswerText.Words("The pier was rebuilt in stone. [1] [2]"));
}
