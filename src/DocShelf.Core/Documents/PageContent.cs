namespace DocShelf.Core.Documents;

/// <summary>The extracted text of one page, with the words and boxes it was built from.</summary>
public sealed record PageContent
{
    /// <summary>"{documentId}/{number}" once stored.</summary>
    public string Id { get; init; } = "";

    public string DocumentId { get; init; } = "";

    /// <summary>1-based page number.</summary>
    public required int Number { get; init; }

    public required PageSource Source { get; init; }

    public required string Text { get; init; }

    public IReadOnlyList<Word> Words { get; init; } = [];

    /// <summary>Page size in the units of the word boxes.</summary>
    public double Width { get; init; }

    public double Height { get; init; }

    /// <summary>Mean word confidence for OCR'd pages, 100 for a text layer.</summary>
    public double MeanConfidence { get; init; } = 100;
}
