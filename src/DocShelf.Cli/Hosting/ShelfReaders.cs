using DocShelf.Cli.Answering;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Settings;
using DocShelf.Search;
using Microsoft.AspNetCore.Builder;

namespace DocShelf.Cli.Hosting;

/// <summary>
/// Answers other commands (search, ask, documents, text) on the shelf's socket while a run such as `ingest` or
/// `retry` holds the shelf; they see each file as soon as it is on the shelf. Uploads and retries wait for `serve`.
/// Disposing stops answering and removes the socket, however the run ended.
/// </summary>
public sealed class ShelfReaders : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly LazyAnswerer answerer;

    private ShelfReaders(WebApplication app, LazyAnswerer answerer)
    {
        this.app = app;
        this.answerer = answerer;
    }

    public static async Task<ShelfReaders> StartAsync(Shelf shelf, ShelfSettings settings, CancellationToken cancellationToken)
    {
        // Made on the first question only: a generative answerer loads its model, which a run may never need.
        var answerer = new LazyAnswerer(() => ShelfComposition.Answerer(shelf, settings));
        var app = ShelfHost.Build(ShelfHost.CreateBuilder(shelf, answerer, settings.ToWebOptions() with { Inboxes = [] }, tcp: null));
        await app.StartAsync(cancellationToken);
        return new ShelfReaders(app, answerer);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        answerer.Dispose();
    }
}
