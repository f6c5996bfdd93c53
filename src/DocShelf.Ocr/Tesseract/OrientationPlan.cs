namespace DocShelf.Ocr.Tesseract;

/// <summary>
/// When to trust a page's orientation, and which others to read when it is in doubt. The reading itself is the
/// judge: text read the right way up comes back with high word confidence, text read sideways or upside down with
/// low, so a doubtful page is read the likely ways and the most confident reading kept.
/// </summary>
internal static class OrientationPlan
{
    /// <summary>A mean word confidence this high is only reached by text read the right way up.</summary>
    public const double ConvincingConfidence = 70;

    /// <summary>
    /// An OSD margin above which a thorough detection is taken at its word; the threshold <c>ocrmypdf --rotate-pages</c>
    /// uses by default. Below it, DocShelf reads the other orientations rather than give up.
    /// </summary>
    public const double SureMargin = 14;

    /// <summary>
    /// The other turns to read, most likely first: what the thorough detection says, then the half turns (OSD
    /// confuses a page with its upside-down self most often), then the quarter turns.
    /// </summary>
    public static IEnumerable<int> Alternatives(int glanced, int examined) =>
        new[] { examined, glanced + 180, examined + 180, glanced + 90, glanced + 270 }
            .Select(rotation => rotation % 360)
            .Distinct()
            .Where(rotation => rotation != glanced);
}
