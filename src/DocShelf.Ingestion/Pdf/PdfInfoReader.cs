using System.Globalization;
using System.Text.RegularExpressions;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion.Pdf;

/// <summary>Reads page count and page sizes with pdfinfo, and turns its failures into one-line reasons.</summary>
public static partial class PdfInfoReader
{
    public static async Task<PdfInfo> ReadAsync(string path, ToolLimits limits, CancellationToken cancellationToken)
    {
        var result = await ChildProcess.RunAsync("pdfinfo", ["-f", "1", "-l", int.MaxValue.ToString(CultureInfo.InvariantCulture), path], limits, cancellationToken);
        if (!result.Succeeded)
        {
            throw new UnreadableFileException(ReasonFor(result));
        }

        var pages = PagesLine().Match(result.StandardOutput);
        var count = pages.Success ? int.Parse(pages.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        if (count == 0)
        {
            throw new UnreadableFileException("the PDF has no pages");
        }

        var sizes = SizeLine().Matches(result.StandardOutput)
            .Select(m => (Parse(m.Groups[1].Value), Parse(m.Groups[2].Value)))
            .ToList();
        return new PdfInfo(count, sizes);
    }

    private static string ReasonFor(ToolResult result) =>
        result.StandardError.Contains("Incorrect password", StringComparison.Ordinal)
            ? "the PDF is encrypted and no password opens it"
            : $"the PDF could not be read: {result.FirstErrorLine}";

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex SizeLine();
}
