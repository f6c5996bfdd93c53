using System.Globalization;
using DocShelf.Core.Documents;

namespace DocShelf.Cli.Output;

/// <summary>One phrase saying how an OCR'd page was read: "OCR, 93% confidence, turned 90°, deskewed 2.9°".</summary>
public static class OcrDescription
{
    public static string Of(PageReading reading)
    {
        if (reading.IsBlank)
        {
            return "OCR, a blank page";
        }

        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"OCR, {reading.Confidence:0}% confidence") };
        if (reading.IsLowConfidence)
        {
            parts[0] += " (low: rescan)";
        }

        if (reading.Geometry.Rotation != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"turned {reading.Geometry.Rotation}°"));
        }

        if (reading.Geometry.Skew != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"deskewed {reading.Geometry.Skew:0.0}°"));
        }

        return string.Join(", ", parts);
    }
}
