using System.Runtime.CompilerServices;
using DocShelf.Ingestion.Watching;
using DocShelf.Search;
using DocShelf.Search.Footprint;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Web.Api;

public static class StatusEndpoints
{
    /// <summary>An event at least this often, so proxies and the browser keep an idle stream open.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", () => TypedResults.Ok(new HealthReply("ok")));
        routes.MapGet("/api/status", (Shelf shelf, ServiceBoard board, WebOptions options, bool? footprint) =>
            TypedResults.Ok(View(shelf, board.Latest, options) with { Footprint = footprint == true ? ShelfFootprint.Measure(shelf) : null }));
        routes.MapGet("/api/events", (Shelf shelf, ServiceBoard board, WebOptions options, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(StreamAsync(shelf, board, options, cancellationToken), eventType: "status"));
    }

    private static StatusView View(Shelf shelf, ServiceStatus? service, WebOptions options)
    {
        var overview = service?.Shelf ?? shelf.Overview();
        var semantic = shelf.Searcher.Semantic;
        // Counted now, from the collection's record, and not taken from the embedder's last pass: chunks published since
        // it wait in the embed step's batcher, and a shelf is caught up only once their vectors are stored.
        var vectors = semantic?.Vectors.Count ?? 0;
        var toMake = semantic is null ? (int?)null : Math.Max(service?.Embedding?.Remaining ?? 0, (int)Math.Max(0, overview.Counts.Chunks - vectors));
        return new StatusView(
            service,
            overview,
            shelf.Searcher.Modes,
            semantic?.Model,
            vectors,
            toMake,
            options.Inboxes.Count > 0 ? options.Inboxes[0] : null);
    }

    private static async IAsyncEnumerable<StatusView> StreamAsync(
        Shelf shelf, ServiceBoard board, WebOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var latest = board.Latest;
        while (!cancellationToken.IsCancellationRequested)
        {
            yield return View(shelf, latest, options);
            var next = board.NextAsync(cancellationToken);
            var finished = await Task.WhenAny(next, Task.Delay(Heartbeat, cancellationToken));
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            latest = finished == next ? await next : board.Latest;
        }
    }
}
