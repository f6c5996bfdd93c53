using System.Globalization;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion.Pdf;

/// <summary>Renders one PDF page to a greyscale PNG with pdftoppm, at the resolution OCR wants.</summary>
public static class PdfRasteriser
{
    public const int Resolution = 300;

    public static async Task<string> RenderAsync(
        PdfSource pdf, int page, string workDirectory, ToolLimits limits, CancellationToken cancellationToken)
    {
        var number = page.ToString(CultureInfo.InvariantCulture);
        var outputRoot = Path.Combine(workDirectory, $"page-{number}");
        var result = await ChildProcess.RunAsync(
            "pdftoppm",
            [.. pdf.PasswordArguments, "-f", number, "-l", number, "-r", Resolution.ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", pdf.Path, outputRoot],
            limits,
            cancellationToken);
        var image = outputRoot + ".png";
        return result.Succeeded && File.Exists(image)
            ? image
            : throw PdfProblem.From(result, $"drawing page {page}");
    }
}
