namespace DocShelf.Core.Documents;

/// <summary>The extracted text of one page, with the words and boxes it was built from.</summary>
public sealed record PageContent
{
    /// <summary>
    /// Below this mean word confidence a page's text is unreliable. Clean scans read at 90 to 96; speckled or
    /// small print that Tesseract reads at 65 to 80 comes out with a third to two thirds of its words wrong.
    /// </summary>
    public const double LowConfidenceThreshold = 80;

    /// <summary>"{documentId}/{number}" once stored.</summary>
    public string Id { get; init; } = "";

    public string DocumentId { get; init; } = "";

    /// <summary>1-based page number.</summary>
    public required int Number { get; init; }

    public required PageSource Source { get; init; }

    public required string Text { get; init; }

    /// <summary>What the page is called where its number alone says little: a sheet's name, a chapter's or section's heading.</summary>
    public string? Label { get; init; }

    public IReadOnlyList<Word> Words { get; init; } = [];

    /// <summary>Page size in the units of the word boxes.</summary>
    public double Width { get; init; }

    public double Height { get; init; }

    /// <summary>Mean word confidence for OCR'd pages, 100 for a text layer.</summary>
    public double MeanConfidence { get; init; } = 100;

    /// <summary>For a page read from an image, the share of the scan that is ink (0 to 1); null for other pages.</summary>
    public double? InkShare { get; init; }

    /// <summary>
    /// How the page image was straightened before it was read: turned and deskewed. Word boxes, the width and the
    /// height refer to the straightened image, which is the one the viewer shows.
    /// </summary>
    public PageGeometry Geometry { get; init; } = PageGeometry.AsScanned;
}
