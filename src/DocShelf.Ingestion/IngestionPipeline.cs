using System.Diagnostics;
using DocShelf.Core.Documents;
using DocShelf.Core.Ocr;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Chunking;
using DocShelf.Ingestion.Embedding;
using DocShelf.Ingestion.Readers;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocShelf.Ingestion;

/// <summary>
/// The chain a file goes through: the steps it is given, in order, and then one hand-over of the document, with the
/// time each step took, to its sink: the shelf's writer, which puts it on the shelf and marks its file indexed, or a
/// worker's reading, which carries it to the shelf. <see cref="Standard"/> lists DocShelf's own steps; read it to
/// know what ingestion does. Steps only read the file and fill the context, with two exceptions: identify attaches a
/// path to content already on the shelf, and embed may write the vectors of a full batch, which nothing on the shelf
/// points to until the document is published. Files inside the file (an e-mail's attachments, a mailbox's messages)
/// go through the same chain before that last hand-over, each published or quarantined on its own.
/// </summary>
/// <param name="maxNesting">How deep inside other documents a document is still read (an attachment of a message in a mailbox is 2).</param>
public sealed partial class IngestionPipeline(IReadOnlyList<IIngestionStep> steps, IDocumentSink sink, int maxNesting, ILogger<IngestionPipeline>? logger = null) : IDisposable
{
    private readonly ILogger logger = logger ?? NullLogger<IngestionPipeline>.Instance;

    public IReadOnlyList<IIngestionStep> Steps { get; } = steps;

    /// <summary>DocShelf's steps, in the order a file takes them.</summary>
    /// <param name="sink">Where documents go once read: the shelf's writer, or a worker's reading for the shelf.</param>
    /// <param name="readers">The reader for each kind of file.</param>
    /// <param name="pageSources">Where the file each document's pages are drawn from is kept.</param>
    /// <param name="batcher">
    /// Where chunks go to be embedded, in batches shared across files; null on a lexical-only shelf, and on a worker,
    /// which embeds a file's chunks when the file is read.
    /// </param>
    public static IngestionPipeline Standard(
        IDocumentSink sink, IOcrEngine ocr, IngestionOptions options, ReaderCatalogue readers, IPageSourceKeeper pageSources, ChunkBatcher? batcher, ILogger<IngestionPipeline>? logger = null) =>
        new(
        [
            new IdentifyStep(sink, options),                                              // sha256, type from bytes, dedupe by content
            new ExtractStep(readers, options.ZipLimits),                                // the kind's reader: pages of text, or page images for OCR
            new RecogniseStep(ocr, new SemaphoreSlim(Math.Max(1, options.Parallelism)), options), // Tesseract, one page per core
            new ChunkStep(new Chunker(options.Chunking)),                                // page-anchored, sentence-aware chunks
            new PageSourceStep(pageSources),                                            // the file its pages are drawn from, kept
            .. batcher is null ? Array.Empty<IIngestionStep>() : [new EmbedStep(batcher)], // vectors, batched across files
        ],
        sink,
        options.MaxNesting,
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
            await ReadAttachmentsAsync(context, cancellationToken);
            var clock = Stopwatch.StartNew();
            List<PageContent> pages = [.. context.Pages.Select(p => p!)];
            sink.Publish(ShelfRecords.Indexed(context, pages), context.Path, pages, context.Chunks);
            LogStep(logger, context.Path, "publish", Math.Round(clock.Elapsed.TotalMilliseconds, 1));
        }
    }

    /// <summary>
    /// Reads each file inside this one (an e-mail's attachments, a mailbox's messages) through the same steps, as a
    /// document of its own that knows where it came from; one that cannot be read is quarantined with its reason and
    /// the rest go on. They are published before the file that holds them, so a kill before that reads them again.
    /// Beyond <see cref="IngestionOptions.MaxNesting"/> they are named in their parent's text but not read.
    /// </summary>
    private async Task ReadAttachmentsAsync(IngestionContext parent, CancellationToken cancellationToken)
    {
        if (parent.Depth >= maxNesting)
        {
            return;
        }

        for (var i = 0; i < parent.Attachments.Count; i++)
        {
            var attached = parent.Attachments[i];
            var origin = new DocumentOrigin(
                parent.DocumentId, i + 1, parent.Attachments.Count, parent.Properties.Title ?? Path.GetFileName(parent.Path), parent.Properties.Dated, parent.Kind == FileKind.Mbox);
            var child = new IngestionContext(AttachmentPath(parent.Path, i + 1, attached.Name), Directory.CreateDirectory(Path.Combine(parent.WorkDirectory, $"attachment-{i + 1}")).FullName)
            {
                ReadPath = attached.Path,
                Origin = origin,
                Depth = parent.Depth + 1,
                PageRecognised = parent.PageRecognised,
            };
            try
            {
                await RunAsync(child, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                sink.Quarantine(ShelfRecords.Quarantined(child, FailureReasons.Of(error)), child.Path);
            }
        }
    }

    /// <summary>The path an attachment is known by: its parent's, then "//", its position and its name ("/inbox/a.eml//2/report.pdf").</summary>
    public static string AttachmentPath(string parentPath, int position, string name)
    {
        var clean = string.Concat(name.Select(c => c is '/' or '\\' || char.IsControl(c) ? '_' : c)).Trim();
        return $"{parentPath}//{position}/{(clean.Length > 0 ? clean : "attachment")}";
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
