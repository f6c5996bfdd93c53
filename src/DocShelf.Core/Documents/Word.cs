namespace DocShelf.Core.Documents;

/// <summary>One word on a page: its text, where it sits, how sure the reader is, and where it starts in the page text.</summary>
public sealed record Word
{
    public required string Text { get; init; }

    public required Box Box { get; init; }

    /// <summary>0 to 100; a text layer counts as 100.</summary>
    public double Confidence { get; init; } = 100;

    /// <summary>Character offset of the word in <see cref="PageContent.Text"/>.</summary>
    public int Start { get; init; }
}
