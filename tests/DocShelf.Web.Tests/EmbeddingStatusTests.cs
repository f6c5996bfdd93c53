using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Embedding;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Watching;
using DocShelf.Search;

namespace DocShelf.Web.Tests;

/// <summary>What /api/status says of the vectors while the service reads: caught up only once every chunk's vector is stored.</summary>
public sealed class EmbeddingStatusTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly Shelf shelf;

    public EmbeddingStatusTests() =>
        shelf = Shelf.OpenForWriting(folder.Folder("data"), search: ConceptSearch.Setup());

    [Fact]
    public async Task Chunks_published_since_the_embedders_last_pass_are_still_to_embed()
    {
        var inbox = folder.Folder("inbox");
        var path = Path.Combine(inbox, "ferry.txt");
        await File.WriteAllTextAsync(path, "The ferry boat leaves at seven. Its fare is a penny.");
        using var chain = IngestionChain.Create(shelf, new IngestionOptions());
        var board = new ServiceBoard();
        using var app = new ShelfApiFactory(shelf, board, new WebOptions { Inboxes = [inbox] });
        var client = app.CreateClient();

        // The embedder's last pass found nothing to do; then the worker read a file, whose chunks wait in the batcher.
        await chain.Runner.RunAsync([path], new SilentObserver(), CancellationToken.None);
        var chunks = shelf.Overview().Counts.Chunks;
        board.Post(new ServiceStatus { ProcessId = 4242, Shelf = shelf.Overview(), Embedding = new EmbeddingProgress("concepts", 0, 0) });
        var waiting = (await (await client.GetAsync("/api/status")).JsonAsync()).GetProperty("vectorsToMake").GetInt32();
        await chain.Batcher!.FlushAsync(CancellationToken.None);
        var stored = await (await client.GetAsync("/api/status")).JsonAsync();

        Assert.True(chunks > 0);
        Assert.Equal(chunks, waiting);
        Assert.Equal((chunks, 0), (stored.GetProperty("vectors").GetInt32(), stored.GetProperty("vectorsToMake").GetInt32()));
    }

    public void Dispose()
    {
        shelf.Dispose();
        folder.Dispose();
    }
}
