using DocShelf.Core.Documents;
using DocShelf.Ingestion.Watching;
using DocShelf.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Web.Api;

public static class RetryEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/retry", (RetryRequest? request, Shelf shelf, ServiceBoard board, WebOptions options) =>
        {
            if (options.Inboxes.Count == 0)
            {
                return (IResult)ApiProblems.Conflict("This process is adding files with `docshelf ingest`, which retries nothing; retry when it has finished, or while `docshelf serve` runs.");
            }

            var id = request?.DocumentId;
            if (id is not null)
            {
                if (!DocumentIds.IsWellFormed(id))
                {
                    return ApiProblems.BadRequest("A document id is 16 hex digits, as /api/documents lists them.");
                }

                if (shelf.Store.FindDocument(id) is not { Status: DocumentStatus.Quarantined })
                {
                    return ApiProblems.NotFound($"There is no quarantined document {id} on this shelf.");
                }
            }

            board.RequestRetry(id);
            return TypedResults.Accepted("/api/status", new { Retrying = id ?? "all" });
        }).DisableAntiforgery();
}
