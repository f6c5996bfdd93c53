using DocShelf.Core.Documents;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Intake;
using DocShelf.Ingestion.PageImages;
using DocShelf.Search;

namespace DocShelf.Web.Files;

/// <summary>
/// The viewer's page images, drawn when a page is first viewed: from the page source the shelf kept when the
/// document was read, or, for a document read before page sources were kept, from its original while that still holds
/// the bytes read. Drawn images are kept in the data folder's bounded cache (<see cref="WebOptions.PageImageCacheBytes"/>),
/// which lets go of the least recently viewed first.
/// </summary>
public sealed class PageImages(Shelf shelf, OriginalFiles originals, WebOptions options) : IDisposable
{
    /// <summary>Drawing is heavy; a few at a time keeps the worker's OCR going while someone browses.</summary>
    private readonly SemaphoreSlim renderers = new(2);

    private readonly PageImageRenderer renderer = new(shelf.PageImages, shelf.ScratchDirectory, Ingestion.Tools.ToolLimits.Default);
    private readonly Lock counting = new();

    /// <summary>What the cache held when last counted, plus what was drawn since; counted on the first draw.</summary>
    private long? cachedBytes;

    /// <summary>
    /// The JPEG of <paramref name="page"/>, straightened as it was for reading, opened (so a trim of the cache cannot
    /// take it away before it is sent), or null and a sentence saying why there is none.
    /// </summary>
    public async Task<(Stream? Image, string? Problem)> GetAsync(DocumentRecord document, PageContent page, CancellationToken cancellationToken)
    {
        if (!document.Kind.HasPageImages())
        {
            return (null, "A text document has no page images; read its text instead.");
        }

        var kept = shelf.PageImages.PathOf(document.Id, page);
        if (OpenCached(kept) is { } cached)
        {
            Search.Store.PageImageFolder.Touch(kept);
            return (cached, null);
        }

        var (drawFrom, original, problem) = Source(document);
        if (drawFrom is null)
        {
            return (null, $"Page {page.Number} cannot be drawn: {problem}");
        }

        using var held = original; // an original stays open while it is drawn from, so it cannot be swapped meanwhile
        await renderers.WaitAsync(cancellationToken);
        try
        {
            // The password that opened the PDF is not recorded, so each configured one is tried, as ingestion did.
            foreach (var password in new string?[] { null }.Concat(options.PdfPasswords))
            {
                if (await renderer.DrawAsync(document.Id, new PageDrawing(DrawnKind(document), drawFrom, password), [page], cancellationToken) > 0
                    && OpenCached(kept) is { } drawn)
                {
                    Drawn(kept);
                    return (drawn, null);
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

    /// <summary>
    /// What to draw from: the kept page source (the data folder's own file), or else the original, opened under the
    /// path rule; null and why when there is neither.
    /// </summary>
    private (string? Path, OpenedFile? Original, string? Problem) Source(DocumentRecord document)
    {
        if (shelf.PageSources.Find(document.Id) is { } kept)
        {
            return (kept, null, null);
        }

        if (document.Kind.IsLaidOutByOffice())
        {
            return (null, null, "the document was read before DocShelf kept what its pages are drawn from; read it again to draw them.");
        }

        var (original, problem) = originals.Open(document);
        return (original?.ReadPath, original, problem);
    }

    private static FileStream? OpenCached(string image)
    {
        try
        {
            return new FileStream(image, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>An office document's pages are drawn from the PDF it was laid out as; any other's from its own kind.</summary>
    private static FileKind DrawnKind(DocumentRecord document) => document.Kind.IsLaidOutByOffice() ? FileKind.Pdf : document.Kind;

    /// <summary>Counts a newly drawn image, and trims the cache back below its bound when it has grown past it.</summary>
    private void Drawn(string image)
    {
        lock (counting)
        {
            try
            {
                Count(image);
            }
            catch (IOException)
            {
                cachedBytes = null; // a document left with its folder mid-count: counted afresh next time
            }
        }
    }

    /// <summary>Adds <paramref name="image"/> to the count (counting the whole cache the first time), and trims when over the bound.</summary>
    private void Count(string image)
    {
        // FileInfo reads the file's size once, when Exists is asked; a trim elsewhere cannot make it throw after that.
        cachedBytes = cachedBytes is { } counted && new FileInfo(image) is { Exists: true } drawn ? counted + drawn.Length : shelf.PageImages.Size().Bytes;
        if (cachedBytes > options.PageImageCacheBytes)
        {
            // Down to nine tenths, so the next few drawings do not each walk the cache again.
            cachedBytes = shelf.PageImages.TrimTo(options.PageImageCacheBytes / 10 * 9, id => shelf.PageSources.Find(id) is not null);
        }
    }
}
