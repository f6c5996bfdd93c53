using DocShelf.Core.Ocr;
using DocShelf.Ingestion.Embedding;
using DocShelf.Ingestion.Readers;
using DocShelf.Ingestion.Readers.Office;
using DocShelf.Ingestion.Running;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using Microsoft.Extensions.Logging;

namespace DocShelf.Ingestion;

/// <summary>
/// What reads files onto a shelf, made together and disposed together: the OCR engines, the readers with the office
/// converter they share, the embedding batcher, the pipeline and its runner.
/// The commands get it from the CLI's composition root; test fixtures make it here with an engine of their own.
/// </summary>
public sealed class IngestionChain : IDisposable
{
    private readonly TesseractEnginePool? ownEngines;
    private readonly OfficeConverter office;

    private IngestionChain(Shelf shelf, IngestionOptions options, IOcrEngine? ocr, ILoggerFactory? loggers)
    {
        var writer = shelf.Writer ?? throw new ArgumentException("the shelf must be open for writing", nameof(shelf));
        Options = options;
        ownEngines = ocr is null ? new TesseractEnginePool(options.OcrLanguages) : null;
        Ocr = ocr ?? ownEngines!;
        Batcher = shelf.Searcher.Semantic is { } semantic ? new ChunkBatcher(new ChunkEmbedder(shelf.Store, semantic), logger: loggers?.CreateLogger<ChunkBatcher>()) : null;
        office = new OfficeConverter(Path.Combine(shelf.ScratchDirectory, OfficeConverter.ProfileFolder), options.ToolLimits, options.PdfPasswords);
        Readers = ReaderCatalogue.Standard(options, office);
        Pipeline = IngestionPipeline.Standard(writer, Ocr, options, Readers, shelf.PageSources, Batcher, loggers?.CreateLogger<IngestionPipeline>());
        Runner = new IngestionRunner(shelf, Pipeline, options, shelf.ScratchDirectory);
    }

    public IngestionOptions Options { get; }

    public IOcrEngine Ocr { get; }

    /// <summary>Where the embed step leaves chunks; null on a lexical-only shelf. Flush it when reading pauses.</summary>
    public ChunkBatcher? Batcher { get; }

    /// <summary>The reader for each kind of file the pipeline takes.</summary>
    public ReaderCatalogue Readers { get; }

    public IngestionPipeline Pipeline { get; }

    public IngestionRunner Runner { get; }

    /// <param name="ocr">An OCR engine to use in place of Tesseract (tests); Tesseract, one engine per core, when null.</param>
    /// <param name="loggers">Where each step's duration per file, and an embedding batch that failed, are logged; nowhere when null.</param>
    public static IngestionChain Create(Shelf shelf, IngestionOptions options, IOcrEngine? ocr = null, ILoggerFactory? loggers = null) =>
        new(shelf, options, ocr, loggers);

    public void Dispose()
    {
        Pipeline.Dispose();
        office.Dispose();
        Batcher?.Dispose();
        ownEngines?.Dispose();
    }
}
