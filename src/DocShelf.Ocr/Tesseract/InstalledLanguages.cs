namespace DocShelf.Ocr.Tesseract;

/// <summary>What Tesseract has installed: its OCR languages, and whether the orientation data (osd) is there.</summary>
/// <param name="Languages">The OCR languages whose traineddata Tesseract can find, osd left out.</param>
/// <param name="HasOrientationData">Whether osd.traineddata is there, which turning sideways and upside-down pages needs.</param>
public sealed record InstalledLanguages(IReadOnlyList<string> Languages, bool HasOrientationData)
{
    /// <summary>Languages in a "eng+deu" setting that are not installed.</summary>
    public IReadOnlyList<string> Missing(string languages) =>
        languages.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(language => !Languages.Contains(language))
            .ToList();
}
