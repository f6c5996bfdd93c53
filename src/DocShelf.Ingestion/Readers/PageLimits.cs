using DocShelf.Core.Pipeline;

namespace DocShelf.Ingestion.Readers;

/// <summary>The bounds every reader holds a file to, so one file cannot tie the worker up for hours or exhaust memory.</summary>
public sealed class PageLimits(IngestionOptions options)
{
    public void CheckPageCount(int pages)
    {
        if (pages > options.MaxPages)
        {
            throw new UnreadableFileException($"the file has {pages} pages, more than the limit of {options.MaxPages}");
        }
    }

    public void CheckPixels(int page, double width, double height)
    {
        var pixels = width * height;
        if (pixels > options.MaxPagePixels)
        {
            throw new UnreadableFileException(
                $"page {page} would be {pixels / 1e6:0} million pixels, more than the limit of {options.MaxPagePixels / 1e6:0} million");
        }
    }
}
