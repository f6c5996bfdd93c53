using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Search;

namespace DocShelf.Ingestion.Steps;

/// <summary>Stores the document, its pages and chunks, and adds the chunks to the lexical index.</summary>
public sealed class IndexStep(ShelfWriter writer) : IIngestionStep
{
    public string Name => "index";

    public Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var pages = context.Pages.Select(p => p!).ToList();
        var record = new DocumentRecord
        {
            Id = context.DocumentId,
            Sha256 = context.Sha256,
            Paths = [context.Path],
            Kind = context.Kind,
            Bytes = context.Bytes,
            Status = DocumentStatus.Indexed,
            PageCount = pages.Count,
            OcrPageCount = context.OcrPageCount,
            OcrReadings = [.. pages.Where(p => p.Source == PageSource.Ocr).Select(PageReading.Of)],
            ChunkCount = context.Chunks.Count,
            AddedUtc = DateTime.UtcNow,
        };
        writer.Publish(record, context.Path, pages, context.Chunks);
        return Task.CompletedTask;
    }
}
