using DocShelf.Core.Documents;
using DocShelf.Core.Search;

namespace DocShelf.Web.Api;

/// <summary>
/// The reply of /api/documents/{id}/pages/{n}: the page's text and words, and which words the query in "q"
/// matches (indexes into <see cref="Words"/>) for the viewer to outline, and where they sit in the text. For an
/// OCR'd page, how it was read: its confidence and how it was straightened (the image route draws it the same way).
/// </summary>
public sealed record PageView(
    string DocumentId, int Number, int PageCount, PageSource Source, string Text, IReadOnlyList<PageWord> Words, IReadOnlyList<int> Matches, IReadOnlyList<TextSpan> TextMatches,
    PageReading? Reading, string? Label)
{
    public static PageView Of(PageContent page, int pageCount, IReadOnlyList<int> matches, IReadOnlyList<TextSpan> textMatches)
    {
        var width = page.Width > 0 ? page.Width : 1;
        var height = page.Height > 0 ? page.Height : 1;
        var words = page.Words
            .Select(w => new PageWord(w.Text, w.Start, Round(w.Box.X / width), Round(w.Box.Y / height), Round(w.Box.Width / width), Round(w.Box.Height / height)))
            .ToList();
        return new PageView(page.DocumentId, page.Number, pageCount, page.Source, page.Text, words, matches, textMatches, PageReading.OfOcrPage(page), page.Label);
    }

    private static double Round(double fraction) => Math.Round(fraction, 5);
}
