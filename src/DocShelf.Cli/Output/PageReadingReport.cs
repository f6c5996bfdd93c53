using DocShelf.Core.Documents;

namespace DocShelf.Cli.Output;

/// <summary>
/// How an OCR'd page was read, in `documents --json` and `text --json`: mean word confidence, the clockwise turn
/// and the deskew angle applied before reading, how sure orientation detection was, whether to rescan it, and
/// whether it is blank paper.
/// </summary>
public sealed record PageReadingReport(int Page, double Confidence, int Rotation, double Skew, double OrientationConfidence, bool LowConfidence, bool Blank)
{
    public static PageReadingReport From(PageReading reading) => new(
        reading.Number, reading.Confidence, reading.Geometry.Rotation, Math.Round(reading.Geometry.Skew, 2),
        Math.Round(reading.Geometry.OrientationConfidence, 1), reading.IsLowConfidence, reading.IsBlank);
}
