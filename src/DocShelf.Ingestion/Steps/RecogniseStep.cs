using DocShelf.Core.Ocr;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Pdf;

namespace DocShelf.Ingestion.Steps;

/// <summary>
/// OCRs the pages that need it, several at once. The slots are shared by every file in the run, so the machine
/// runs one single-threaded Tesseract per core however pages and files are mixed.
/// </summary>
/// <param name="pageSlots">How many pages may be read at once; the step owns it.</param>
public sealed class RecogniseStep(IOcrEngine engine, SemaphoreSlim pageSlots, IngestionOptions options) : IIngestionStep, IDisposable
{
    public string Name => "ocr";

    public async Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        await Task.WhenAll(context.PagesToRecognise.Select(async page =>
        {
            await RecogniseAsync(context, page, cancellationToken);
            context.PageRecognised?.Invoke(page.PageNumber, context.PagesToRecognise.Count);
        }));
    }

    private async Task RecogniseAsync(IngestionContext context, PageImage page, CancellationToken cancellationToken)
    {
        await pageSlots.WaitAsync(cancellationToken);
        try
        {
            var imagePath = page.Origin == PageImageOrigin.PdfPage
                ? await PdfRasteriser.RenderAsync(new PdfSource(page.SourcePath, context.Drawing?.Password), page.PageNumber, context.WorkDirectory, options.ToolLimits, cancellationToken)
                : page.SourcePath;
            try
            {
                var content = await Task.Run(() => engine.Recognise(imagePath, page.Frame, page.PageNumber, cancellationToken), cancellationToken);
                lock (context.Pages)
                {
                    context.Pages[page.PageNumber - 1] = content;
                }
            }
            finally
            {
                if (page.Origin == PageImageOrigin.PdfPage)
                {
                    File.Delete(imagePath);
                }
            }
        }
        finally
        {
            pageSlots.Release();
        }
    }

    public void Dispose() => pageSlots.Dispose();
}
