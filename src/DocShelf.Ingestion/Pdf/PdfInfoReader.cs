using System.Globalization;
using System.Text.RegularExpressions;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion.Pdf;

/// <summary>Reads page count and page sizes with pdfinfo, and turns its failures into one-line reasons.</summary>
public static partial class PdfInfoReader
{
    /// <summary>Opens the PDF as it is, or else with each configured password in turn.</summary>
    public static async Task<(PdfInfo Info, PdfSource Source)> OpenAsync(
        string path, IReadOnlyList<string> passwords, ToolLimits limits, CancellationToken cancellationToken)
    {
        var source = new PdfSource(path);
        var result = await RunAsync(source, limits, cancellationToken);
        foreach (var password in passwords)
        {
            if (!IsLocked(result))
            {
                break;
            }

            source = new PdfSource(path, password);
            result = await RunAsync(source, limits, cancellationToken);
        }

        if (!result.Succeeded)
        {
            throw PdfProblem.From(result);
        }

        return (Parse(result), source);
    }

    private static Task<ToolResult> RunAsync(PdfSource source, ToolLimits limits, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(
            "pdfinfo",
            [.. source.PasswordArguments, "-f", "1", "-l", int.MaxValue.ToString(CultureInfo.InvariantCulture), source.Path],
            limits,
            cancellationToken);

    private static bool IsLocked(ToolResult result) => result.StandardError.Contains("Incorrect password", StringComparison.Ordinal);

    private static PdfInfo Parse(ToolResult result)
    {
        var pages = PagesLine().Match(result.StandardOutput);
        var count = pages.Success ? int.Parse(pages.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        if (count == 0)
        {
            throw new UnreadableFileException("the PDF has no pages");
        }

        // A page turned by /Rotate is shown, rendered and laid out by pdftotext in its turned frame: width and height swap.
        var rotations = RotationLine().Matches(result.StandardOutput).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var sizes = SizeLine().Matches(result.StandardOutput)
            .Select((m, i) => (Width: Parse(m.Groups[1].Value), Height: Parse(m.Groups[2].Value), Sideways: i < rotations.Count && rotations[i] % 180 != 0))
            .Select(size => size.Sideways ? (size.Height, size.Width) : (size.Width, size.Height))
            .ToList();
        return new PdfInfo(count, sizes, Field(result.StandardOutput, "Title"), Field(result.StandardOutput, "Author"));
    }

    /// <summary>A document information field, or null when it is absent or blank.</summary>
    private static string? Field(string output, string name) =>
        output.Split('\n').FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.Ordinal)) is { } line &&
        line[(name.Length + 1)..].Trim() is { Length: > 0 } value
            ? value
            : null;

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"^Page\s+\d+\s+rot:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex RotationLine();

    [GeneratedRegex(@"^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex SizeLine();
}
