using DocShelf.Core.Text;

namespace DocShelf.Core.Tests;

public sealed class DocumentDateTests
{
    [Theory]
    [InlineData("Eastwick, 4th March 1894.\nDear Sir, the lamp was lit in 1887.", "1894-03-04")]
    [InlineData("March 4, 1894\nTo the Harbour Master", "1894-03-04")]
    [InlineData("Sept. 30th, 1902. The survey party set out.", "1902-09-30")]
    [InlineData("Invoice 2023-11-30, due in thirty days", "2023-11-30")]
    [InlineData("Minutes of the council, June 1911", "1911-06")]
    [InlineData("Report of the Harbour Commission, Eastwick, 1894\nThe Commission met on the fourth of March.", "1894")]
    [InlineData("The 31 February 1894 meeting, held in February 1894", "1894-02")]
    [InlineData("Mayor Aldous spoke first. 1902", "1902")]
    public void The_date_a_document_bears_is_read_as_precisely_as_its_text_gives_it(string text, string expected)
    {
        Assert.Equal(expected, DocumentDate.Find(text));
    }

    [Theory]
    [InlineData("The repairs cost 1,894 pounds and 2.1902 shillings.")]
    [InlineData("Page 3 of 12. The keeper wrote nothing more.")]
    [InlineData("The abbey was founded in 1066.")]
    [InlineData("A plan for the year 2999.")]
    [InlineData("")]
    public void Text_that_names_no_date_gives_none(string text)
    {
        Assert.Null(DocumentDate.Find(text));
    }

    [Fact]
    public void A_date_far_into_the_text_is_what_it_talks_about_not_when_it_was_written()
    {
        Assert.Null(DocumentDate.Find(new string('x', 2000) + " 4 March 1894"));
    }
}
