using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;

namespace DocShelf.Ingestion.Steps;

/// <summary>
/// Keeps the file a PDF's, scan's or office document's pages are drawn from in the data folder, so the document
/// stays viewable when its original moves or its disk is not mounted: the original's bytes, or the PDF an office
/// document was laid out as. Pages are drawn from it when they are first viewed, not here.
/// </summary>
public sealed class PageSourceStep(IPageSourceKeeper sources) : IIngestionStep
{
    public string Name => "keep";

    public Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        if (context.Drawing is { } drawing && (drawing.Kind == FileKind.Pdf || drawing.Kind.IsImage()))
        {
            sources.Keep(context.DocumentId, drawing.Path);
        }

        return Task.CompletedTask;
    }
}
