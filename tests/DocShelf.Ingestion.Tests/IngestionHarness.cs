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
    private readonly IngestionChain chain;

    /// <param name="engine">The OCR engine to use in place of Tesseract; null for Tesseract.</param>
    public IngestionHarness(IngestionOptions? options = null, IOcrEngine? engine = null)
    {
        options ??= new IngestionOptions();
        Inbox = folder.Folder("inbox");
        Shelf = Shelf.OpenForWriting(folder.Folder("data"));
        chain = IngestionChain.Create(Shelf, options, engine);
    }

    public string Inbox { get; }

    public Shelf Shelf { get; }

    public string InboxFile(string name) => Path.Combine(Inbox, name);

    public Task<IngestionSummary> IngestAsync(params string[] paths) =>
        chain.Runner.RunAsync(FileCollector.Collect(paths), SilentObserver.Instance, CancellationToken.None);

    public void Dispose()
    {
        Shelf.Dispose();
        chain.Dispose();
        folder.Dispose();
    }
}
