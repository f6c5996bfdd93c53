using DocShelf.Core.Documents;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.PageImages;
using DocShelf.Search;

namespace DocShelf.Web.Files;

/// <summary>
/// The viewer's page images. Ingestion draws them into the data folder; a page it could not draw, or one read by a
/// DocShelf that did not keep them, is drawn here on first view from the original, and kept from then on.
/// </summary>
public sealed class PageImages(Shelf shelf, OriginalFiles originals, WebOptions options) : IDisposable
{
    /// <summary>Drawing is heavy; a few at a time keeps the worker's OCR going while someone browses.</summary>
    private readonly SemaphoreSlim renderers = new(2);

    private readonly PageImageRenderer renderer = new(shelf.PageImages, shelf.ScratchDirectory, Ingestion.Tools.ToolLimits.Default);

    /// <summary>The JPEG of <paramref name="page"/>, straightened as it was for reading, or null and a sentence saying why there is none.</summary>
    public async Task<(string? Path, string? Problem)> GetAsync(DocumentRecord document, PageContent page, CancellationToken cancellationToken)
    {
        if (!document.Kind.HasPageImages())
        {
            return (null, "A text document has no page images; read its text instead.");
        }

        var kept = shelf.PageImages.PathOf(document.Id, page);
        if (File.Exists(kept))
        {
            return (kept, null);
        }

        if (document.Kind.IsLaidOutByOffice())
        {
            return (null, $"Page {page.Number} was not drawn when the document was read; read the document again to draw it.");
        }

        var (source, problem) = originals.Open(document);
        if (source is null)
        {
            return (null, $"Page {page.Number} was not drawn when it was read, and cannot be drawn now: {problem}");
        }

        using var opened = source;
        await renderers.WaitAsync(cancellationToken);
        try
        {
            // The password that opened the PDF is not recorded, so each configured one is tried, as ingestion did.
            foreach (var password in new string?[] { null }.Concat(options.PdfPasswords))
            {
                if (await renderer.DrawAsync(document.Id, new PageDrawing(document.Kind, opened.ReadPath, password), [page], cancellationToken) > 0)
                {
                    return (kept, null);
                }
            }

            return (null, $"Page {page.Number} could not be drawn.");
        }
        finally
        {
            renderers.Release();
        }
    }

    public void Dispose() => renderers.Dispose();
}
