namespace DocShelf.Core.Documents;

/// <summary>How one OCR'd page was read: its mean word confidence and how it was straightened first.</summary>
public sealed record PageReading(int Number, double Confidence, PageGeometry Geometry)
{
    /// <summary>Read with so little confidence that the scan is worth redoing.</summary>
    public bool IsLowConfidence => Confidence < PageContent.LowConfidenceThreshold;

    public static PageReading Of(PageContent page) => new(page.Number, Math.Round(page.MeanConfidence, 1), page.Geometry);

    /// <summary>The reading of an OCR'd page; null for a text-layer or text page, which was not read from an image.</summary>
    public static PageReading? OfOcrPage(PageContent page) => page.Source == PageSource.Ocr ? Of(page) : null;
}
