using DocShelf.Core.Ocr;
using DocShelf.Ingestion.Running;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;
using Microsoft.Extensions.Logging;

namespace DocShelf.Ingestion;

/// <summary>
/// What reads files onto a shelf, made together and disposed together: the OCR engines, the pipeline and its runner.
/// The commands get it from the CLI's composition root; test fixtures make it here with an engine of their own.
/// </summary>
public sealed class IngestionChain : IDisposable
{
    private readonly TesseractEnginePool? ownEngines;

    private IngestionChain(Shelf shelf, IngestionOptions options, IOcrEngine? ocr, ILogger<IngestionPipeline>? logger)
    {
        var writer = shelf.Writer ?? throw new ArgumentException("the shelf must be open for writing", nameof(shelf));
        Options = options;
        ownEngines = ocr is null ? new TesseractEnginePool(options.OcrLanguages) : null;
        Ocr = ocr ?? ownEngines!;
        Pipeline = IngestionPipeline.Standard(writer, Ocr, options, logger);
        Runner = new IngestionRunner(shelf, Pipeline, options, Path.Combine(shelf.DataDirectory, "tmp"));
    }

    public IngestionOptions Options { get; }

    public IOcrEngine Ocr { get; }

    public IngestionPipeline Pipeline { get; }

    public IngestionRunner Runner { get; }

    /// <param name="ocr">An OCR engine to use in place of Tesseract (tests); Tesseract, one engine per core, when null.</param>
    /// <param name="logger">Where each step's duration per file is logged; nowhere when null.</param>
    public static IngestionChain Create(Shelf shelf, IngestionOptions options, IOcrEngine? ocr = null, ILogger<IngestionPipeline>? logger = null) =>
        new(shelf, options, ocr, logger);

    public void Dispose()
    {
        Pipeline.Dispose();
        ownEngines?.Dispose();
    }
}
