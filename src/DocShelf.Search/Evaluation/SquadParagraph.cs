namespace DocShelf.Search.Evaluation;

/// <summary>One paragraph, which becomes one document: its article's title and its text, with the questions asked on it.</summary>
public sealed record SquadParagraph(string Title, string Context, IReadOnlyList<SquadQuestion> Questions)
{
    /// <summary>The document's text: the title line, a blank line, the paragraph.</summary>
    public string DocumentText => $"{Title}\n\n{Context}\n";
}
