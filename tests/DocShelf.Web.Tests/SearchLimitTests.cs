using System.Net;
using System.Runtime.CompilerServices;
using DocShelf.Answering.Answers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DocShelf.Web.Tests;

/// <summary>Searches and questions end when their time is up, when their client leaves, and when the service stops.</summary>
[Collection(WebShelfCollection.Name)]
public sealed class SearchLimitTests(WebShelf shelf)
{
    [Fact]
    public async Task A_question_past_its_time_limit_is_stopped_with_503_and_a_reason()
    {
        var answerer = new WaitingAnswerer();
        using var app = shelf.Serve(new WebOptions { AskTimeLimit = TimeSpan.FromMilliseconds(200) }, answerer);

        var response = await app.CreateClient().GetAsync("/api/ask?q=anything");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("took longer than 0.2 s and was stopped", await response.DetailAsync(), StringComparison.Ordinal);
        Assert.True(answerer.Cancelled.Task.IsCompleted);
    }

    [Fact]
    public async Task A_question_is_cancelled_when_its_client_goes_away()
    {
        var answerer = new WaitingAnswerer();
        using var app = shelf.Serve(answerer: answerer);
        using var leave = new CancellationTokenSource();

        var request = app.CreateClient().GetAsync("/api/ask?q=anything", leave.Token);
        await answerer.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await leave.CancelAsync();

        await answerer.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }

    [Fact]
    public async Task A_question_in_progress_ends_when_the_service_stops()
    {
        var answerer = new WaitingAnswerer();
        using var app = shelf.Serve(answerer: answerer);
        var client = app.CreateClient();

        var request = client.GetAsync("/api/ask?q=anything");
        await answerer.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        await answerer.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var response = await request.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("stopping", await response.DetailAsync(), StringComparison.Ordinal);
    }

    /// <summary>An answerer that waits until it is cancelled, and says when it started and when it was stopped.</summary>
    private sealed class WaitingAnswerer : IAnswerer
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async IAsyncEnumerable<AnswerUpdate> StreamAsync(string question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Cancelled.TrySetResult();
            }

            yield break;
        }
    }
}
