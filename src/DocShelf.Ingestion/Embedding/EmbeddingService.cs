using DocShelf.Ingestion.Watching;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocShelf.Ingestion.Embedding;

/// <summary>
/// Keeps the vectors of the embedding model in use in step with the shelf while the service runs. At start-up it
/// makes every missing vector (which also finishes a change of model, resuming where it stopped). Whenever the worker
/// has read more files, it embeds what waits in the embed step's batcher, then repairs what that left; when reading
/// has paused, it saves the vectors held in memory for search (the chunks' graphs, the sentences' table).
/// Does nothing on a lexical-only shelf.
/// </summary>
public sealed class EmbeddingService(Shelf shelf, IngestionChain chain, ServiceBoard board, ILogger<EmbeddingService> logger) : BackgroundService
{
    /// <summary>What the batcher had embedded at the last pass, so each pass logs what was embedded since.</summary>
    private int batchedBefore;

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
                if (board.Latest is null or { QueueDepth: 0, Settling: 0, InProgress.Count: 0 })
                {
                    // Reading has paused: what is held in memory goes into the graphs, so commands run now read no vectors.
                    await semantic.SaveGraphsAsync(stoppingToken);
                }

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
        var batched = 0;
        if (chain.Batcher is { } batcher)
        {
            await batcher.FlushAsync(stoppingToken);
            batched = batcher.Embedded - batchedBefore;
            batchedBefore = batcher.Embedded;
        }

        var plan = embedder.Plan();
        board.Embedding = new EmbeddingProgress(semantic.Model, semantic.Vectors.Count, plan.Missing.Count);
        var progress = new Progress<(int Done, int Total)>(p => board.Embedding = new EmbeddingProgress(semantic.Model, semantic.Vectors.Count, p.Total - p.Done));
        var (embedded, dropped) = await embedder.CatchUpAsync(plan, progress, stoppingToken);
        board.Embedding = new EmbeddingProgress(semantic.Model, semantic.Vectors.Count, 0);
        if (batched + embedded + dropped > 0)
        {
            logger.LogInformation("Embedded {Embedded} chunks with {Model}; dropped {Dropped} stale vectors", batched + embedded, semantic.Model, dropped);
        }
    }
}
