using DocShelf.Core.Ocr;
using DocShelf.Fixtures;
using DocShelf.Ingestion.Intake;
using DocShelf.Ingestion.Running;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;

namespace DocShelf.Ingestion.Tests;

/// <summary>A real shelf in a temporary folder with the real pipeline (Tesseract, poppler, LiteDB, Lucene) in front of it.</summary>
public sealed class IngestionHarness : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TesseractEnginePool ocr = new("eng");
    private readonly IngestionPipeline pipeline;
    private readonly IngestionRunner runner;

    /// <param name="engine">The OCR engine to use in place of Tesseract; null for Tesseract.</param>
    public IngestionHarness(IngestionOptions? options = null, IOcrEngine? engine = null)
    {
        options ??= new IngestionOptions();
        Inbox = folder.Folder("inbox");
        Shelf = Shelf.OpenForWriting(folder.Folder("data"));
        pipeline = new IngestionPipeline(Shelf.Writer!, engine ?? ocr, options);
        runner = new IngestionRunner(Shelf, pipeline, options, folder.Folder("scratch"));
    }

    public string Inbox { get; }

    public Shelf Shelf { get; }

    public string InboxFile(string name) => Path.Combine(Inbox, name);

    public Task<IngestionSummary> IngestAsync(params string[] paths) =>
        runner.RunAsync(FileCollector.Collect(paths), SilentObserver.Instance, CancellationToken.None);

    public void Dispose()
    {
        Shelf.Dispose();
        pipeline.Dispose();
        ocr.Dispose();
        folder.Dispose();
    }
}
