using System.Diagnostics;
using DocShelf.Core.Documents;
using DocShelf.Core.Ocr;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Chunking;
using DocShelf.Ingestion.Steps;
using DocShelf.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocShelf.Ingestion;

/// <summary>
/// The chain a file goes through: the steps it is given, in order. <see cref="Standard"/> lists DocShelf's own; read
/// it to know what ingestion does. Each step's name and duration is logged per file and kept on the document.
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
            new IndexStep(writer),                                                      // store, then lexical index
        ],
        writer,
        logger);

    public async Task RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var timings = new List<StepTiming>(Steps.Count);
        foreach (var step in Steps)
        {
            if (context.IsComplete)
            {
                return;
            }

            var clock = Stopwatch.StartNew();
            await step.ExecuteAsync(context, cancellationToken);
            timings.Add(new StepTiming(step.Name, Math.Round(clock.Elapsed.TotalMilliseconds, 1)));
            LogStep(logger, context.Path, step.Name, timings[^1].Milliseconds);
        }

        writer.RecordSteps(context.DocumentId, timings);
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
