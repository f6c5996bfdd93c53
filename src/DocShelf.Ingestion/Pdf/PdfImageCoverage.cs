using System.Globalization;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion.Pdf;

/// <summary>
/// How much of each page is covered by embedded images, from <c>pdfimages -list</c>. A page that is mostly
/// one big image is a scan, even when a little text (a stamp, a header) sits on top of it.
/// </summary>
public static class PdfImageCoverage
{
    private const double PointsPerInch = 72;

    /// <summary>Fraction (0 to 1, capped) of each page's area covered by images, keyed by 1-based page number.</summary>
    public static async Task<IReadOnlyDictionary<int, double>> ReadAsync(
        PdfSource pdf, PdfInfo info, ToolLimits limits, CancellationToken cancellationToken)
    {
        var result = await ChildProcess.RunAsync("pdfimages", [.. pdf.PasswordArguments, "-list", pdf.Path], limits, cancellationToken);
        return result.Succeeded ? Parse(result.StandardOutput, info) : new Dictionary<int, double>();
    }

    internal static Dictionary<int, double> Parse(string listing, PdfInfo info)
    {
        var covered = new Dictionary<int, double>();
        foreach (var line in listing.Split('\n').Skip(2))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
            if (cells.Length < 14 || cells[2] != "image" || !TryInt(cells[0], out var page) || page < 1 || page > info.PageSizes.Count)
            {
                continue;
            }

            if (!TryInt(cells[3], out var width) || !TryInt(cells[4], out var height) ||
                !TryInt(cells[12], out var xPpi) || !TryInt(cells[13], out var yPpi) || xPpi <= 0 || yPpi <= 0)
            {
                continue;
            }

            var (pageWidth, pageHeight) = info.PageSizes[page - 1];
            var area = width * PointsPerInch / xPpi * (height * PointsPerInch / yPpi);
            covered[page] = Math.Min(1, covered.GetValueOrDefault(page) + area / Math.Max(1, pageWidth * pageHeight));
        }

        return covered;
    }

    private static bool TryInt(string cell, out int value) => int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
