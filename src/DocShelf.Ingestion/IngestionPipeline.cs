using DocShelf.Core.Ocr;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Chunking;
using DocShelf.Ingestion.Steps;
using DocShelf.Search;

namespace DocShelf.Ingestion;

/// <summary>The whole chain a file goes through, in order. Read this file to know what ingestion does.</summary>
public sealed class IngestionPipeline : IDisposable
{
    private readonly SemaphoreSlim pageSlots;

    public IngestionPipeline(ShelfWriter writer, IOcrEngine ocr, IngestionOptions options)
    {
        pageSlots = new SemaphoreSlim(Math.Max(1, options.Parallelism));
        Steps =
        [
            new IdentifyStep(writer, options),                 // sha256, type from bytes, dedupe by content
            new ExtractStep(options),                          // text layer per page, or a page image for OCR
            new RecogniseStep(ocr, pageSlots, options),        // Tesseract on the pages that need it
            new ChunkStep(new Chunker(options.Chunking)),      // page-anchored, sentence-aware chunks
            new IndexStep(writer),                             // store, then lexical index
        ];
    }

    public IReadOnlyList<IIngestionStep> Steps { get; }

    public async Task RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        foreach (var step in Steps)
        {
            if (context.IsComplete)
            {
                return;
            }

            await step.ExecuteAsync(context, cancellationToken);
        }
    }

    public void Dispose() => pageSlots.Dispose();
}
