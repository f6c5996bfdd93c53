using DocShelf.Core.Pipeline;
using DocShelf.Search.Semantic;

namespace DocShelf.Ingestion.Steps;

/// <summary>
/// Embeds the file's chunks and their sentences with the model in use, once they are on the shelf, so the file is
/// found by meaning as soon as it is read. Does nothing on a shelf set to words only. A file stopped here is caught
/// up by the embedder's next pass, which finds chunks without vectors.
/// </summary>
public sealed class EmbedStep(ChunkEmbedder? embedder) : IIngestionStep, IDisposable
{
    /// <summary>One file's batch at a time: the model already uses every core for one batch, and two at once ran slower.</summary>
    private readonly SemaphoreSlim model = new(1);

    public string Name => "embed";

    public async Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        if (embedder is null)
        {
            return;
        }

        await model.WaitAsync(cancellationToken);
        try
        {
            await embedder.EmbedAsync(context.Chunks, cancellationToken);
        }
        finally
        {
            model.Release();
        }
    }

    public void Dispose() => model.Dispose();
}
