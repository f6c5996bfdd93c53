using System.Globalization;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Tools;
using DocShelf.Ocr.Imaging;

namespace DocShelf.Web.Files;

/// <summary>
/// Page images for the viewer: rendered on first request (pdftoppm for PDFs, Leptonica for scans) at a screen's
/// width, then kept in the data folder. A document id names fixed content, so a cached image never goes stale.
/// </summary>
public sealed class PageImageCache(string dataDirectory, OriginalFiles originals, WebOptions options) : IDisposable
{
    public const int Width = 1400;

    /// <summary>Rendering is heavy; a few at a time keeps the worker's OCR going while someone browses.</summary>
    private readonly SemaphoreSlim renderers = new(2);

    /// <summary>
    /// The cached PNG of <paramref name="page"/>, straightened as it was for reading, or null and a sentence saying why
    /// there is none.
    /// </summary>
    public async Task<(string? Path, string? Problem)> GetAsync(DocumentRecord document, PageContent page, CancellationToken cancellationToken)
    {
        if (document.Kind is FileKind.PlainText or FileKind.Markdown or FileKind.Unknown)
        {
            return (null, "A text document has no page images; read its text instead.");
        }

        var cached = Path.Combine(dataDirectory, "cache", "pages", document.Id, CacheName(page));
        if (File.Exists(cached))
        {
            return (cached, null);
        }

        var (source, problem) = originals.Open(document);
        if (source is null)
        {
            return (null, problem);
        }

        using var opened = source;
        await renderers.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            var rendered = await RenderAsync(document.Kind, opened.ReadPath, page, cached + $".{Guid.NewGuid():N}.tmp", cancellationToken);
            if (rendered is null)
            {
                return (null, $"Page {page.Number} could not be drawn.");
            }

            File.Move(rendered, cached, overwrite: true);
            return (cached, null);
        }
        finally
        {
            renderers.Release();
        }
    }

    public void Dispose() => renderers.Dispose();

    /// <summary>
    /// "3.png" for a page drawn as scanned; a straightened page's name also says how, so a page read again another
    /// way is never shown with an image drawn for its old boxes.
    /// </summary>
    public static string CacheName(PageContent page) => page.Geometry.ChangesImage
        ? string.Create(CultureInfo.InvariantCulture, $"{page.Number}-turned-{page.Geometry.Rotation}-skew-{page.Geometry.Skew:0.000}.png")
        : string.Create(CultureInfo.InvariantCulture, $"{page.Number}.png");

    private async Task<string?> RenderAsync(FileKind kind, string source, PageContent page, string target, CancellationToken cancellationToken)
    {
        if (kind != FileKind.Pdf)
        {
            return await DrawAsync(source, kind == FileKind.Tiff ? page.Number - 1 : 0, target, page.Geometry, cancellationToken);
        }

        var rendered = await RenderPdfPageAsync(source, page.Number, target, cancellationToken);
        if (rendered is null || !page.Geometry.ChangesImage)
        {
            return rendered;
        }

        // A scanned PDF page was turned or deskewed before OCR; its boxes fit only the straightened image.
        var straightened = await DrawAsync(rendered, 0, target + ".straight.png", page.Geometry, cancellationToken);
        File.Delete(rendered);
        return straightened;
    }

    private static async Task<string?> DrawAsync(string source, int frame, string target, PageGeometry geometry, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Run(() => PngRenderer.Render(source, frame, target, Width, geometry), cancellationToken);
        }
        catch (UnreadableFileException)
        {
            return null;
        }

        return File.Exists(target) ? target : null;
    }

    private async Task<string?> RenderPdfPageAsync(string source, int page, string target, CancellationToken cancellationToken)
    {
        // The password that opened the PDF is not recorded, so each configured one is tried, as ingestion did.
        foreach (var password in new string?[] { null }.Concat(options.PdfPasswords))
        {
            var outputRoot = target[..^".tmp".Length];
            var number = page.ToString(CultureInfo.InvariantCulture);
            string[] passwordArguments = password is null ? [] : ["-upw", password];
            var result = await ChildProcess.RunAsync(
                "pdftoppm",
                [.. passwordArguments, "-f", number, "-l", number, "-scale-to-x", Width.ToString(CultureInfo.InvariantCulture), "-scale-to-y", "-1", "-png", "-singlefile", source, outputRoot],
                ToolLimits.Default,
                cancellationToken);
            if (result.Succeeded && File.Exists(outputRoot + ".png"))
            {
                return outputRoot + ".png";
            }
        }

        return null;
    }
}
