using System.Diagnostics;
using DocShelf.Core.Documents;
using DocShelf.Core.Ocr;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Chunking;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Steps;
using DocShelf.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocShelf.Ingestion;

/// <summary>
/// The chain a file goes through: the steps it is given, in order, and then one write that puts the document on the
/// shelf, with the time each step took, and marks its file indexed. <see cref="Standard"/> lists DocShelf's own
/// steps; read it to know what ingestion does. Steps only read the file and fill the context; the one they may
/// change the shelf by is identify's, attaching a path to content already there.
/// </summary>
public sealed partial class IngestionPipeline(IReadOnlyList<IIngestionStep> steps, ShelfWriter writer, ILogger<IngestionPipeline>? logger = null) : IDisposable
{
    private readonly ILogger logger = logger ?? NullLogger<IngestionPipeline>.Instance;

    public IReadOnlyList<IIngestionStep> Steps { get; } = steps;

    /// <summary>
    /// DocShelf's steps, in the order a file takes them. Embedding is not among them: a file's few chunks and short
    /// sentences make small, padded batches, and embedding file by file ran 3.4 times slower than one pass over
    /// everything the run added, whose batches group texts of like length (`ingest` makes that pass at the end,
    /// `serve` after each file).
    /// </summary>
    public static IngestionPipeline Standard(ShelfWriter writer, IOcrEngine ocr, IngestionOptions options, ILogger<IngestionPipeline>? logger = null) =>
        new(
        [
            new IdentifyStep(writer, options),                                          // sha256, type from bytes, dedupe by content
            new ExtractStep(options),                                                   // text layer per page, or a page image for OCR
            new RecogniseStep(ocr, new SemaphoreSlim(Math.Max(1, options.Parallelism)), options), // Tesseract, one page per core
            new ChunkStep(new Chunker(options.Chunking)),                                // page-anchored, sentence-aware chunks
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
