using System.Text.Json;
using DocShelf.Answering.Answers;
using DocShelf.Search.Lexical;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace DocShelf.Web.Api;

/// <summary>
/// /api/ask?q=…: the answer as JSON, or, for a client that accepts text/event-stream, a stream of `draft` events
/// (pieces of text as a generative model writes them) ending with one `answer` event holding the checked answer.
/// </summary>
public static class AskEndpoints
{
    public const int MaxQuestionLength = 1000;

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/ask", async (string? q, HttpContext context, IAnswerer answerer, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(q))
            {
                return ApiProblems.BadRequest("Ask a question: /api/ask?q=Where+was+the+red+light+shown");
            }

            if (q.Length > MaxQuestionLength)
            {
                return ApiProblems.BadRequest($"A question may be at most {MaxQuestionLength} characters long.");
            }

            var question = q.Trim();
            try
            {
                if (!context.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
                {
                    return TypedResults.Ok(await answerer.AnswerAsync(question, cancellationToken));
                }

                await StreamAsync(context.Response, answerer.StreamAsync(question, cancellationToken), json.Value.SerializerOptions, cancellationToken);
                return Results.Empty;
            }
            catch (QueryTooCostlyException error) when (!context.Response.HasStarted)
            {
                return ApiProblems.BadRequest(error.Message);
            }
        });

    /// <summary>
    /// Writes the updates as events. The stream starts with the first update, once the question's search is done, so a
    /// question refused or timed out in its search still gets a plain problem reply.
    /// </summary>
    private static async Task StreamAsync(HttpResponse response, IAsyncEnumerable<AnswerUpdate> updates, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var started = false;
        await foreach (var update in updates)
        {
            if (!started)
            {
                response.ContentType = "text/event-stream; charset=utf-8";
                started = true;
            }

            var (name, data) = update.Final is { } answer
                ? ("answer", JsonSerializer.Serialize(answer, json))
                : ("draft", JsonSerializer.Serialize(new { text = update.Draft }, json));
            await response.WriteAsync($"event: {name}\ndata: {data}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
    }
}
