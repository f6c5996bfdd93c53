namespace DocShelf.Ocr.Tesseract;

/// <summary>How pages are straightened before they are read. Both are on by default; switching one off is for measuring it.</summary>
public sealed record OcrOptions
{
    public static OcrOptions Default { get; } = new();

    /// <summary>Detect sideways and upside-down pages with Tesseract's OSD and turn them upright.</summary>
    public bool DetectOrientation { get; init; } = true;

    /// <summary>Find the skew with Leptonica and rotate it away before recognition.</summary>
    public bool Deskew { get; init; } = true;
}
