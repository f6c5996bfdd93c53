using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Embedding;

namespace DocShelf.Ingestion.Steps;

/// <summary>
/// Hands the file's chunks to the batcher shared by every file of the run. Its time is that of the batch it filled,
/// if any: the vectors of a file are made with those of the files around it.
/// </summary>
public sealed class EmbedStep(ChunkBatcher batcher) : IIngestionStep
{
    public string Name => "embed";

    public Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken) =>
        batcher.AddAsync(context.Chunks, cancellationToken);
}
