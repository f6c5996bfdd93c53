using DocShelf.Answering.Answers;
using DocShelf.Answering.Extractive;

namespace DocShelf.Answering.Tests;

public sealed class ExtractiveAnswererTests(AnsweringShelf shelf) : IClassFixture<AnsweringShelf>
{
    private ExtractiveAnswerer Answerer => new(shelf.Shelf.Searcher, shelf.Shelf.Store);

    [Fact]
    public async Task The_answer_holds_the_fact_and_cites_the_page_it_is_on()
    {
        var answer = await Answerer.AnswerAsync("Where will the temporary red light be shown until the breakwater lamp is restored?");

        Assert.True(answer.Found, answer.Text);
        Assert.Contains("harbour office window", answer.Text, StringComparison.Ordinal);
        var citation = answer.Citations.First(c => c.Quote.Contains("harbour office window", StringComparison.Ordinal));
        Assert.Equal(shelf.Id("harbour-report.pdf"), citation.DocumentId);
        Assert.Equal(3, citation.Page);
        Assert.Contains($"[{citation.Number}]", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citations_carry_the_boxes_of_the_quoted_words_on_a_scanned_page()
    {
        var answer = await Answerer.AnswerAsync("How many times was the warning gun fired?");

        Assert.True(answer.Found, answer.Text);
        var citation = Assert.Single(answer.Citations, c => c.Quote.Contains("warning gun", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(shelf.Id("keeper-log.png"), citation.DocumentId);
        Assert.NotEmpty(citation.Boxes);
        Assert.All(citation.Boxes, box =>
        {
            Assert.InRange(box.Right, 0, citation.PageWidth);
            Assert.InRange(box.Bottom, 0, citation.PageHeight);
        });
        Assert.InRange(citation.Boxes.Count, 5, 60); // the sentence's words, not the page's
    }

    [Fact]
    public async Task Answers_are_one_to_three_sentences_each_cited()
    {
        var answer = await Answerer.AnswerAsync("What did the engineer advise about the breakwater repair?");

        Assert.True(answer.Found, answer.Text);
        Assert.InRange(answer.Citations.Count, 1, 3);
        Assert.Equal(answer.Citations.Select(c => c.Number), Enumerable.Range(1, answer.Citations.Count));
        Assert.All(answer.Citations, c => Assert.Contains(c.Quote, answer.Text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Who won the football world cup in 1998?")]
    [InlineData("What is the boiling point of mercury in kelvin?")]
    [InlineData("Which programming language was used for the railway timetable software?")]
    public async Task Questions_about_things_not_on_the_shelf_get_the_not_found_answer(string question)
    {
        var answer = await Answerer.AnswerAsync(question);

        Assert.False(answer.Found, answer.Text);
        Assert.Equal(Answer.NotFoundText, answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task A_question_of_stop_words_only_is_not_answered()
    {
        var answer = await Answerer.AnswerAsync("What is it?");

        Assert.False(answer.Found);
    }
}
