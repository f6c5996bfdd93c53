using DocShelf.Ingestion.Watching;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocShelf.Ingestion.Embedding;

/// <summary>
/// Keeps the vectors of the embedding model in use in step with the shelf while the service runs: at start-up
/// (which also finishes a change of model, resuming where it stopped) and whenever the worker has read more files.
/// Does nothing on a lexical-only shelf.
/// </summary>
public sealed class EmbeddingService(Shelf shelf, ServiceBoard board, ILogger<EmbeddingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (shelf.Searcher.Semantic is not { } semantic)
        {
            return;
        }

        var embedder = new ChunkEmbedder(shelf.Store, semantic);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Counted before the pass, so files finished during it bring another pass.
                var filesSeen = board.Latest?.FilesDoneSinceStart ?? 0;
                await CatchUpAsync(embedder, semantic, stoppingToken);
                while ((await board.NextAsync(stoppingToken)).FilesDoneSinceStart == filesSeen)
                {
                    // Wait for the worker to finish another file; deletions are tidied at the next pass.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; what was embedded is stored, the rest resumes at the next start.
        }
    }

    private async Task CatchUpAsync(ChunkEmbedder embedder, SemanticIndex semantic, CancellationToken stoppingToken)
    {
        var (missing, _) = embedder.Plan();
        board.Embedding = new EmbeddingProgress(semantic.Model, semantic.Vectors.Count, missing.Count);
        var progress = new Progress<(int Done, int Total)>(p => board.Embedding = new EmbeddingProgress(semantic.Model, semantic.Vectors.Count, p.Total - p.Done));
        var (embedded, dropped) = await embedder.CatchUpAsync(progress, stoppingToken);
        board.Embedding = new EmbeddingProgress(semantic.Model, semantic.Vectors.Count, 0);
        if (embedded + dropped > 0)
        {
            logger.LogInformation("Embedded {Embedded} chunks with {Model}; dropped {Dropped} stale vectors", embedded, semantic.Model, dropped);
        }
    }
}
