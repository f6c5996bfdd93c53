using DocShelf.Core.Text;

namespace DocShelf.Core.Tests;

public sealed class TitleGuessTests
{
    [Theory]
    [InlineData("Report of the Harbour Commission, Eastwick, 1894\n\nThe Commission met on the fourth of March.", "Report of the Harbour Commission, Eastwick, 1894")]
    [InlineData("  \n12\nMINUTES OF THE COUNCIL:\nPresent: the Mayor and six members.", "MINUTES OF THE COUNCIL")]
    public void A_first_line_that_reads_as_a_heading_is_the_title(string text, string expected) =>
        Assert.Equal(expected, TitleGuess.FromFirstLines(text));

    [Theory]
    [InlineData("The lamp room key hangs behind the office door.")] // the whole text, one line
    [InlineData("Dear Sir, I write to say the lamp was lit at dusk.\nYours, T. Marsh")] // a sentence, not a heading
    [InlineData("The survey party set out at dawn on the ninth and walked the river from the mill race to the weir without stopping\nfor anything")]
    [InlineData("")]
    public void Text_without_a_heading_gives_no_title(string text) =>
        Assert.Null(TitleGuess.FromFirstLines(text));
}
