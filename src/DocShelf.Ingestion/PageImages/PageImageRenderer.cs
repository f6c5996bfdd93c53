using System.Globalization;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Pdf;
using DocShelf.Ingestion.Tools;
using DocShelf.Ocr.Imaging;
using DocShelf.Search;
using DocShelf.Search.Store;

namespace DocShelf.Ingestion.PageImages;

/// <summary>
/// Draws the images the viewer shows pages with, 1,400 pixels wide, as JPEG, into the shelf's
/// <see cref="PageImageFolder"/>. PDF pages (and office documents, laid out as PDF when read) come from pdftoppm, a run of pages a call, since one process per page
/// costs more than the drawing. Frames of an image file come from Leptonica. A page that was turned or deskewed
/// for reading is drawn the same way, so its word boxes land on its words. A page that cannot be drawn is left out;
/// the viewer says so when it is asked for.
/// </summary>
public sealed class PageImageRenderer(PageImageFolder folder, string scratchDirectory, ToolLimits limits)
{
    public const int Width = 1400;

    /// <summary>Pages per pdftoppm call: few enough that a call stays well inside its time limit.</summary>
    private const int PagesPerCall = 50;

    /// <summary>Draws those of <paramref name="pages"/> whose image is not kept yet. Returns how many are kept now.</summary>
    /// <param name="drawing">The file to draw from: a PDF (with the password that opens it) or an image file.</param>
    public async Task<int> DrawAsync(string documentId, PageDrawing drawing, IReadOnlyList<PageContent> pages, CancellationToken cancellationToken)
    {
        var missing = pages.Where(p => !File.Exists(folder.PathOf(documentId, p))).ToList();
        if (missing.Count == 0 || !(drawing.Kind == FileKind.Pdf || drawing.Kind.IsImage()))
        {
            return pages.Count - missing.Count;
        }

        var work = ScratchFolder.CreateWorkFolder(scratchDirectory, "drawing");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(folder.PathOf(documentId, missing[0]))!);
            var drawn = drawing.Kind == FileKind.Pdf
                ? await DrawPdfPagesAsync(documentId, new PdfSource(drawing.Path, drawing.Password), missing, work, cancellationToken)
                : await DrawFramesAsync(documentId, drawing.Path, drawing.Kind, missing, work, cancellationToken);
            return pages.Count - missing.Count + drawn;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<int> DrawPdfPagesAsync(string documentId, PdfSource pdf, List<PageContent> pages, string work, CancellationToken cancellationToken)
    {
        var drawn = 0;
        foreach (var run in Runs(pages))
        {
            var (rasters, finished) = await RasteriseAsync(pdf, run[0].Number, run[^1].Number, work, cancellationToken);
            foreach (var page in run.Where(p => rasters.ContainsKey(p.Number)))
            {
                var raster = rasters[page.Number];
                drawn += page.Geometry.ChangesImage
                    ? await WriteAsync(raster, 0, documentId, page, work, cancellationToken)
                    : Keep(raster, documentId, page);
            }

            if (rasters.Count == 0 || !finished)
            {
                break; // pdftoppm refused the file or ran out of time: no later run will do better
            }
        }

        return drawn;
    }

    private async Task<int> DrawFramesAsync(string documentId, string source, FileKind kind, List<PageContent> pages, string work, CancellationToken cancellationToken)
    {
        var drawn = 0;
        foreach (var page in pages)
        {
            drawn += await WriteAsync(source, kind == FileKind.Tiff ? page.Number - 1 : 0, documentId, page, work, cancellationToken);
        }

        return drawn;
    }

    /// <summary>
    /// Pages <paramref name="first"/> to <paramref name="last"/> as JPEG files, by page number; those pdftoppm could
    /// not draw are absent. Not finished when pdftoppm ran out of time.
    /// </summary>
    private async Task<(Dictionary<int, string> Drawn, bool Finished)> RasteriseAsync(PdfSource pdf, int first, int last, string work, CancellationToken cancellationToken)
    {
        var prefix = $"run-{first}-";
        var root = Path.Combine(work, $"run-{first}");
        var stopped = false;
        try
        {
            await ChildProcess.RunAsync(
                "pdftoppm",
                [.. pdf.PasswordArguments, "-f", Number(first), "-l", Number(last), "-scale-to-x", Number(Width), "-scale-to-y", "-1",
                 "-jpeg", "-jpegopt", $"quality={Number(ViewImage.JpegQuality)}", pdf.Path, root],
                limits,
                cancellationToken);
        }
        catch (ToolTimeoutException)
        {
            stopped = true;
        }

        // pdftoppm pads page numbers to the width of the document's last page ("run-1-07.jpg").
        var drawn = Directory.EnumerateFiles(work, prefix + "*.jpg")
            .Select(file => (File: file, Number: int.TryParse(Path.GetFileNameWithoutExtension(file)[prefix.Length..], CultureInfo.InvariantCulture, out var n) ? n : 0))
            .Where(f => f.Number >= first && f.Number <= last)
            .ToDictionary(f => f.Number, f => f.File);
        if (stopped && drawn.Count > 0)
        {
            drawn.Remove(drawn.Keys.Max()); // the page it was writing when stopped may be cut short
        }

        return (drawn, !stopped);
    }

    private async Task<int> WriteAsync(string source, int frame, string documentId, PageContent page, string work, CancellationToken cancellationToken)
    {
        var target = Path.Combine(work, $"page-{page.Number}.jpg");
        try
        {
            await Task.Run(() => ViewImage.Write(source, frame, target, Width, page.Geometry), cancellationToken);
        }
        catch (Exception error) when (error is UnreadableFileException or IOException)
        {
            return 0;
        }

        return Keep(target, documentId, page);
    }

    /// <summary>Moves a finished image into place in one rename, so a reader never sees half of one.</summary>
    private int Keep(string image, string documentId, PageContent page)
    {
        File.Move(image, folder.PathOf(documentId, page), overwrite: true);
        return 1;
    }

    /// <summary>The pages in runs of consecutive numbers, at most <see cref="PagesPerCall"/> long.</summary>
    private static IEnumerable<List<PageContent>> Runs(List<PageContent> pages)
    {
        var run = new List<PageContent>();
        foreach (var page in pages.OrderBy(p => p.Number))
        {
            if (run.Count > 0 && (page.Number != run[^1].Number + 1 || run.Count == PagesPerCall))
            {
                yield return run;
                run = [];
            }

            run.Add(page);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
