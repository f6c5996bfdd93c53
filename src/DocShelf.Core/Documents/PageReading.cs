namespace DocShelf.Core.Documents;

/// <summary>How one OCR'd page was read: its mean word confidence, how it was straightened, and whether it is blank paper.</summary>
public sealed record PageReading(int Number, double Confidence, PageGeometry Geometry)
{
    /// <summary>
    /// Under this share of ink a scan is paper with specks. Measured on 300-dpi test scans (BlankPageTests): blank
    /// paper 0.05% with light specks and 0.2% with heavy ones; a twelve-word note 0.46%; a faint small-print scan 2.7%.
    /// </summary>
    public const double BlankInkShare = 0.003;

    /// <summary>A word read at least this sure is text, however little ink the page has.</summary>
    public const double CredibleWordConfidence = 60;

    /// <summary>
    /// Blank paper: almost no ink and no word read with any confidence. A blank page is neither a scan to redo nor
    /// part of its document's mean confidence, since there was nothing to read.
    /// </summary>
    public bool IsBlank { get; init; }

    /// <summary>Read with so little confidence that the scan is worth redoing; a blank page never is.</summary>
    public bool IsLowConfidence => !IsBlank && Confidence < PageContent.LowConfidenceThreshold;

    public static PageReading Of(PageContent page) => new(page.Number, Math.Round(page.MeanConfidence, 1), page.Geometry) { IsBlank = LooksBlank(page) };

    /// <summary>The reading of an OCR'd page; null for a text-layer or text page, which was not read from an image.</summary>
    public static PageReading? OfOcrPage(PageContent page) => page.Source == PageSource.Ocr ? Of(page) : null;

    private static bool LooksBlank(PageContent page) =>
        page.Source == PageSource.Ocr && page.InkShare is { } ink && ink < BlankInkShare && !page.Words.Any(w => w.Confidence >= CredibleWordConfidence);
}
