namespace DocShelf.Cli.Output;

/// <summary>The OCR engine in `status`: Tesseract's version, its languages, and whether it can turn pages upright.</summary>
public sealed record OcrReport(string Engine, string Version, IReadOnlyList<string> InstalledLanguages, bool OrientationDetection);
