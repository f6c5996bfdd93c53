using DocShelf.Search;
using DocShelf.Search.Lexical;
using DocShelf.Search.Semantic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Web.Api;

public static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/search", async (string? q, string? top, string? type, string? source, string? since, string? mode, string? typing, string? document, string? dated, Shelf shelf, CancellationToken cancellationToken) =>
        {
            var (request, problem) = SearchRequest.Parse(q, top, type, source, since, mode, typing, document, dated);
            if (request is null)
            {
                return (IResult)ApiProblems.BadRequest(problem!);
            }

            // Without a mode, the best the shelf offers: hybrid with an embedding model, lexical without.
            var chosen = request.Mode ?? shelf.Searcher.BestMode;
            try
            {
                return TypedResults.Ok(await SearchResult.RunAsync(shelf.Searcher, request.Query, request.Top, request.Filters, chosen, request.AsYouType, cancellationToken));
            }
            catch (SemanticSearchUnavailableException error)
            {
                return ApiProblems.Conflict(error.Message);
            }
            catch (QueryTooCostlyException error)
            {
                return ApiProblems.BadRequest(error.Message);
            }
        });
}
