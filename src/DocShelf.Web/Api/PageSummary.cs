using DocShelf.Core.Documents;

namespace DocShelf.Web.Api;

/// <summary>One page of a document in /api/documents/{id}: where its text came from and, for an OCR'd page, how it was read.</summary>
/// <param name="Label">What the page is called: a sheet's name, a chapter's or section's heading; null when its number says enough.</param>
public sealed record PageSummary(int Number, PageSource Source, double Confidence, int Words, PageReading? Reading, string? Label)
{
    public static PageSummary Of(PageContent page) => new(
        page.Number, page.Source, Math.Round(page.MeanConfidence, 1), page.Words.Count, PageReading.OfOcrPage(page), page.Label);
}
