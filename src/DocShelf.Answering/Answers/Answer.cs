namespace DocShelf.Answering.Answers;

/// <summary>An answer from the shelf: its text with numbered citations, or the plain statement that the shelf does not hold one.</summary>
public sealed record Answer
{
    public const string NotFoundText = "Not found on this shelf.";

    public required string Question { get; init; }

    public required string Text { get; init; }

    public bool Found { get; init; }

    public IReadOnlyList<Citation> Citations { get; init; } = [];

    /// <summary>Which answerer wrote it ("extractive", or a generative backend's name).</summary>
    public string Answerer { get; init; } = "extractive";

    /// <summary>Something the reader should know, such as a generative backend that did not answer in time.</summary>
    public string? Notice { get; init; }

    public static Answer NotFound(string question, string answerer = "extractive") =>
        new() { Question = question, Text = NotFoundText, Found = false, Answerer = answerer };
}
