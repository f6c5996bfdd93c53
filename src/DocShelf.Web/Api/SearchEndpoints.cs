using System.Diagnostics;
using DocShelf.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Web.Api;

public static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/search", (string? q, string? top, string? type, string? source, string? since, Shelf shelf) =>
        {
            var (request, problem) = SearchRequest.Parse(q, top, type, source, since);
            if (request is null)
            {
                return (IResult)ApiProblems.BadRequest(problem!);
            }

            var clock = Stopwatch.StartNew();
            var hits = shelf.Searcher.Search(request.Query, request.Top, request.Filters);
            return TypedResults.Ok(new SearchResult(request.Query, hits, Math.Round(clock.Elapsed.TotalMilliseconds, 2)));
        });
}
