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
}
