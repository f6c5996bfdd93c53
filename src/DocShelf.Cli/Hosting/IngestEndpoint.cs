using DocShelf.Ingestion.Watching;
using DocShelf.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Cli.Hosting;

/// <summary>
/// How `docshelf ingest` adds files while `docshelf serve` holds the shelf: it names them, and the service queues
/// them like its inboxes' files and reads them (or hands them to its workers). Only on the shelf's socket, which only
/// the folder's owner can reach, since it names paths of this machine; the page's TCP address answers 404. A process
/// that is itself adding files (`ingest`, `retry`) answers 409, and the caller waits for it as before.
/// </summary>
public static class IngestEndpoint
{
    public const string Route = "/api/ingest";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost(Route, (IngestRequest? request, HttpContext context, ServiceBoard board, WebOptions options) =>
        {
            if (context.Connection.LocalIpAddress is not null)
            {
                return Results.NotFound();
            }

            if (options.Inboxes.Count == 0)
            {
                return Results.Conflict();
            }

            var paths = request?.Paths?.Where(Path.IsPathFullyQualified).ToList() ?? [];
            board.NameFiles(paths);
            return Results.Accepted("/api/status", new { Files = paths.Count });
        }).DisableAntiforgery();
}
