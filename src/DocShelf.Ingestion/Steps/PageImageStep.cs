using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.PageImages;

namespace DocShelf.Ingestion.Steps;

/// <summary>
/// Draws every page of a PDF, scan or office document for the viewer and keeps the images in the data folder, so the
/// document stays viewable when its original moves or its disk is not mounted. Comes after OCR, which says how each
/// scan was straightened. A page that cannot be drawn never refuses the file: its text is on the shelf all the same.
/// </summary>
public sealed class PageImageStep(PageImageRenderer renderer) : IIngestionStep
{
    public string Name => "images";

    public async Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        if (context.Drawing is { } drawing)
        {
            var pages = context.Pages.OfType<PageContent>().ToList();
            await renderer.DrawAsync(context.DocumentId, drawing, pages, cancellationToken);
        }
    }
}
