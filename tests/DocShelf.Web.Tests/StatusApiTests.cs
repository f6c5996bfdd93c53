using System.Net;
using System.Net.Http.Json;
using DocShelf.Ingestion.Watching;

namespace DocShelf.Web.Tests;

[Collection(WebShelfCollection.Name)]
public sealed class StatusApiTests(WebShelf shelf)
{
    [Fact]
    public async Task Health_answers_ok()
    {
        using var app = shelf.Serve();
        var health = await (await app.CreateClient().GetAsync("/health")).JsonAsync();
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_gives_the_shelf_counts_and_the_quarantine_with_reasons()
    {
        using var app = shelf.Serve();
        var status = await (await app.CreateClient().GetAsync("/api/status")).JsonAsync();

        var overview = status.GetProperty("shelf");
        Assert.Equal(6, overview.GetProperty("counts").GetProperty("indexedDocuments").GetInt32());
        var quarantined = Assert.Single(overview.GetProperty("quarantine").EnumerateArray());
        Assert.EndsWith("broken.pdf", quarantined.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(quarantined.GetProperty("reason").GetString()));
        Assert.Equal(shelf.Inbox, status.GetProperty("uploadInbox").GetString());
    }

    [Fact]
    public async Task The_event_stream_sends_each_status_the_worker_posts()
    {
        var board = new ServiceBoard();
        using var app = new ShelfApiFactory(shelf.Shelf, board, new WebOptions { Inboxes = [shelf.Inbox] });
        using var response = await app.CreateClient().GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("event: status", await reader.ReadLineAsync());
        Assert.Contains("\"service\":null", await reader.ReadLineAsync(), StringComparison.Ordinal);

        board.Post(new ServiceStatus { ProcessId = 4242, QueueDepth = 7, InProgress = [new FileInProgress("/inbox/scan.pdf", 3, 9, DateTime.UtcNow)] });

        var next = await NextDataAsync(reader);
        Assert.Contains("\"queueDepth\":7", next, StringComparison.Ordinal);
        Assert.Contains("\"page\":3", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrying_a_quarantined_document_hands_the_request_to_the_worker()
    {
        var board = new ServiceBoard();
        using var app = new ShelfApiFactory(shelf.Shelf, board, new WebOptions { Inboxes = [shelf.Inbox] });
        var client = app.CreateClient();

        var unknown = await client.PostFromPageAsync("/api/retry", JsonContent.Create(new { documentId = "0123456789abcdef" }));
        var indexed = await client.PostFromPageAsync("/api/retry", JsonContent.Create(new { documentId = shelf.Id("guide.md") }));
        var quarantined = await client.PostFromPageAsync("/api/retry", JsonContent.Create(new { documentId = shelf.Id("broken.pdf") }));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, indexed.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, quarantined.StatusCode);
        Assert.True(board.TryTakeRetry(out var requested));
        Assert.Equal(shelf.Id("broken.pdf"), requested);
        Assert.False(board.TryTakeRetry(out _));
    }

    [Fact]
    public async Task Retry_without_the_page_header_is_refused()
    {
        var board = new ServiceBoard();
        using var app = new ShelfApiFactory(shelf.Shelf, board, new WebOptions { Inboxes = [shelf.Inbox] });

        var response = await app.CreateClient().PostAsync("/api/retry", JsonContent.Create(new { documentId = (string?)null }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(board.TryTakeRetry(out _));
    }

    private static async Task<string> NextDataAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new EndOfStreamException("The event stream closed.");
    }
}
