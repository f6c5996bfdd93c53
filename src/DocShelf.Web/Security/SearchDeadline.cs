using DocShelf.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace DocShelf.Web.Security;

/// <summary>
/// Bounds every search, question and page marked for a query in time, and stops it the moment its client goes away
/// or the service is told to stop, so no query can hold a core after nobody wants its answer. The route sees one
/// token that fires for all three; a search stopped by its time limit answers 503 with a reason.
/// </summary>
public sealed class SearchDeadline(RequestDelegate next, WebOptions options, IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = LimitFor(context.Request);
        if (limit is null)
        {
            await next(context);
            return;
        }

        var client = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(client, lifetime.ApplicationStopping);
        if (limit.Value > TimeSpan.Zero)
        {
            deadline.CancelAfter(limit.Value);
        }
        else
        {
            deadline.Cancel(); // no time at all: a timer, however short, would still let the work start
        }

        context.RequestAborted = deadline.Token;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (!client.IsCancellationRequested && !context.Response.HasStarted)
        {
            await ApiProblems.Unavailable(lifetime.ApplicationStopping.IsCancellationRequested
                ? "The service is stopping; ask again once it has restarted."
                : $"This search took longer than {limit.Value.TotalSeconds:0.#} s and was stopped; try fewer wildcards or a narrower filter.").ExecuteAsync(context);
        }
        finally
        {
            context.RequestAborted = client;
        }
    }

    /// <summary>The time limit of a route that takes a query: search, ask, and a page's words marked for a query.</summary>
    private TimeSpan? LimitFor(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/search") ? options.SearchTimeLimit
        : request.Path.StartsWithSegments("/api/ask") ? options.AskTimeLimit
        : request.Path.StartsWithSegments("/api/documents") && request.Query.ContainsKey("q") ? options.SearchTimeLimit
        : null;
}
