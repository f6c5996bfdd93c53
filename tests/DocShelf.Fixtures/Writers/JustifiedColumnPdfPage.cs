namespace DocShelf.Fixtures.Writers;

/// <summary>
/// A page as journals set them: a heading across the page, then columns of fully justified lines, so the gaps between
/// words stretch and the gutter between columns is hardly wider than they are. Reading order must come from where
/// the whitespace runs down the page, not from the gaps on one line.
/// </summary>
/// <param name="Columns">Each column's lines, top to bottom.</param>
/// <param name="Gutter">Points between columns.</param>
public sealed record JustifiedColumnPdfPage(string Heading, IReadOnlyList<IReadOnlyList<string>> Columns, float Gutter) : PdfPage
{
    /// <summary>The words in reading order: the heading, then down the first column, then the next.</summary>
    public string ReadingOrder => Heading + "\n" + string.Join("\n", Columns.SelectMany(lines => lines));
}
