using DocShelf.Cli.Backup;
using DocShelf.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Cli.Hosting;

/// <summary>
/// How `docshelf backup` gets a consistent copy of a shelf another process holds: that process pauses its changes
/// for the moment a <see cref="ShelfSnapshot"/> takes and answers with its folder. Only on the shelf's socket, which
/// only the folder's owner can reach; the page's TCP address answers 404.
/// </summary>
public static class SnapshotEndpoint
{
    public const string Route = "/api/snapshot";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost(Route, (HttpContext context, Shelf shelf) =>
            // A connection on the Unix socket has no IP address.
            context.Connection.LocalIpAddress is null
                ? Results.Ok(ShelfSnapshot.Take(shelf))
                : Results.NotFound());
}
