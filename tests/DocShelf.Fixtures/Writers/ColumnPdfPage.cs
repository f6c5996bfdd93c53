namespace DocShelf.Fixtures.Writers;

/// <summary>
/// A text page set in columns, written to the PDF line by line across the page (the first line of every column,
/// then the second), as some generators write them: reading order must come from the layout, not the stream.
/// </summary>
public sealed record ColumnPdfPage(IReadOnlyList<IReadOnlyList<string>> Columns) : PdfPage
{
    /// <summary>The words in reading order: down the first column, then the next.</summary>
    public string ReadingOrder => string.Join("\n", Columns.SelectMany(lines => lines));
}
