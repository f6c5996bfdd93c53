namespace DocShelf.Fixtures.Office;

/// <summary>A document's words as the fixtures write them: a title, an author, and pages of paragraphs.</summary>
public sealed record OfficeText(string Title, string Author, IReadOnlyList<string> Pages)
{
    /// <summary>The paragraphs of one page: its blocks apart by blank lines, each joined onto one line.</summary>
    public static IEnumerable<string> Paragraphs(string page) =>
        page.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries)));

    /// <summary>Two of the sample texts, a page each, as an office document.</summary>
    public static OfficeText Sample(string name, string title) =>
        new(title, "Edith Marlowe", [.. SampleTexts.Pages(name).Take(2)]);

    public string AllText => string.Join("\n\n", Pages);

    /// <summary>
    /// A page as a slide: its first paragraph as the title when it is short enough to be one, and the rest as the body.
    /// A longer first paragraph opens the body instead, so no text runs out of its box over another.
    /// </summary>
    public static (string Title, IReadOnlyList<string> Body) Slide(string page)
    {
        var paragraphs = Paragraphs(page).ToList();
        return paragraphs[0].Length <= 60 ? (paragraphs[0], paragraphs[1..]) : ("", paragraphs);
    }
}
