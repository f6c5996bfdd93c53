using System.Diagnostics;
using DocShelf.Core.Documents;
using DocShelf.Core.Ocr;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Chunking;
using DocShelf.Ingestion.Embedding;
using DocShelf.Ingestion.PageImages;
using DocShelf.Ingestion.Readers;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Steps;
using DocShelf.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocShelf.Ingestion;

/// <summary>
/// The chain a file goes through: the steps it is given, in order, and then one write that puts the document on the
/// shelf, with the time each step took, and marks its file indexed. <see cref="Standard"/> lists DocShelf's own
/// steps; read it to know what ingestion does. Steps only read the file and fill the context, with two exceptions:
/// identify attaches a path to content already on the shelf, and embed may write the vectors of a full batch, which
/// nothing on the shelf points to until the document is published.
/// </summary>
public sealed partial class IngestionPipeline(IReadOnlyList<IIngestionStep> steps, ShelfWriter writer, ILogger<IngestionPipeline>? logger = null) : IDisposable
{
    private readonly ILogger logger = logger ?? NullLogger<IngestionPipeline>.Instance;

    public IReadOnlyList<IIngestionStep> Steps { get; } = steps;

    /// <summary>DocShelf's steps, in the order a file takes them.</summary>
    /// <param name="readers">The reader for each kind of file.</param>
    /// <param name="images">Draws the pages the viewer shows into the data folder.</param>
    /// <param name="batcher">Where chunks go to be embedded, in batches shared across files; null on a lexical-only shelf.</param>
    public static IngestionPipeline Standard(
        ShelfWriter writer, IOcrEngine ocr, IngestionOptions options, ReaderCatalogue readers, PageImageRenderer images, ChunkBatcher? batcher, ILogger<IngestionPipeline>? logger = null) =>
        new(
        [
            new IdentifyStep(writer, options),                                          // sha256, type from bytes, dedupe by content
            new ExtractStep(readers, options.ZipLimits),                                // the kind's reader: pages of text, or page images for OCR
            new RecogniseStep(ocr, new SemaphoreSlim(Math.Max(1, options.Parallelism)), options), // Tesseract, one page per core
            new ChunkStep(new Chunker(options.Chunking)),                                // page-anchored, sentence-aware chunks
            new PageImageStep(images),                                                  // each page drawn for the viewer, kept
            .. batcher is null ? Array.Empty<IIngestionStep>() : [new EmbedStep(batcher)], // vectors, batched across files
        ],
        writer,
        logger);

    public async Task RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        foreach (var step in Steps)
        {
            if (context.IsComplete)
            {
                return;
            }

            var clock = Stopwatch.StartNew();
            try
            {
                await step.ExecuteAsync(context, cancellationToken);
            }
            finally
            {
                // Kept for a step that throws too: a quarantined file's last step is the one that refused it.
                context.Steps.Add(new StepTiming(step.Name, Math.Round(clock.Elapsed.TotalMilliseconds, 1)));
                LogStep(logger, context.Path, step.Name, context.Steps[^1].Milliseconds);
            }
        }

        if (!context.IsComplete)
        {
            var clock = Stopwatch.StartNew();
            List<PageContent> pages = [.. context.Pages.Select(p => p!)];
            writer.Publish(ShelfRecords.Indexed(context, pages), context.Path, pages, context.Chunks);
            LogStep(logger, context.Path, "publish", Math.Round(clock.Elapsed.TotalMilliseconds, 1));
        }
    }

    public void Dispose()
    {
        foreach (var step in Steps.OfType<IDisposable>())
        {
            step.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path}: {Step} took {Milliseconds} ms")]
    private static partial void LogStep(ILogger logger, string path, string step, double milliseconds);
}
