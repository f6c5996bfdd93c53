using System.Xml;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion.Pdf;

/// <summary>
/// Reads a PDF's text layer with <c>pdftotext -bbox-layout</c>: every page's words with their boxes, in the block
/// order pdftotext gives (its reading order), joined into text the way OCR text is. A page whose text runs sideways is
/// turned upright first (<see cref="SidewaysText"/>), and a page in columns is read column by column from where its
/// whitespace runs (<see cref="ColumnLayout"/>), which pdftotext's blocks miss in justified text.
/// </summary>
public static class PdfTextLayerReader
{
    /// <param name="info">pdfinfo's page sizes as shown; pdftotext gives the unturned size of a /Rotate page but boxes in its turned frame.</param>
    public static async Task<IReadOnlyList<PageContent>> ReadAsync(
        PdfSource pdf, PdfInfo info, string workDirectory, ToolLimits limits, CancellationToken cancellationToken)
    {
        var output = Path.Combine(workDirectory, "text-layer.html");
        var result = await ChildProcess.RunAsync("pdftotext", [.. pdf.PasswordArguments, "-bbox-layout", "-enc", "UTF-8", pdf.Path, output], limits, cancellationToken);
        if (!result.Succeeded || !File.Exists(output))
        {
            throw PdfProblem.From(result, "reading its text");
        }

        using var text = new ControlCharacterFilter(new StreamReader(output));
        using var reader = XmlReader.Create(text, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        return ReadPages(reader, info.PageSizes);
    }

    internal static IReadOnlyList<PageContent> ReadPages(XmlReader reader, IReadOnlyList<(double Width, double Height)> shownSizes) =>
        new TextLayerXmlReader(reader).ReadPages()
            .Select(page => page.Number <= shownSizes.Count ? page with { Width = shownSizes[page.Number - 1].Width, Height = shownSizes[page.Number - 1].Height } : page)
            .Select(page => ColumnLayout.Arrange(SidewaysText.Upright(page)).ToContent())
            .ToList();
}
