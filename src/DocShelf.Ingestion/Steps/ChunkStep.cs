using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Chunking;

namespace DocShelf.Ingestion.Steps;

public sealed class ChunkStep(Chunker chunker) : IIngestionStep
{
    public string Name => "chunk";

    public Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        foreach (var page in context.Pages)
        {
            var content = page ?? throw new InvalidOperationException("a page reached chunking without text");
            context.Chunks.AddRange(chunker.Split(context.DocumentId, content));
        }

        return Task.CompletedTask;
    }
}
