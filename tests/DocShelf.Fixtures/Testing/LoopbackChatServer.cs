using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace DocShelf.Fixtures.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 speaking the streaming form of OpenAI's chat completions API (server-sent events
/// of chat.completion.chunk objects, then [DONE]), answering each request with the reply queued for it.
/// </summary>
public sealed class LoopbackChatServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Queue<ChatServerReply> replies = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    public LoopbackChatServer()
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/v1");

    /// <summary>The JSON bodies of the requests received, in order.</summary>
    public List<JsonElement> Requests { get; } = [];

    public void Enqueue(ChatServerReply reply)
    {
        lock (replies)
        {
            replies.Enqueue(reply);
        }
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new StreamReader(context.Request.InputStream);
        var request = JsonDocument.Parse(await body.ReadToEndAsync()).RootElement.Clone();
        ChatServerReply reply;
        lock (replies)
        {
            Requests.Add(request);
            reply = replies.Count > 0 ? replies.Dequeue() : ChatServerReply.Streaming("Nothing was queued for this request.");
        }

        var response = context.Response;
        try
        {
            await Task.Delay(reply.Delay, stopping.Token);
            response.StatusCode = reply.Status;
            response.ContentType = reply.RawBody is null && reply.Status == 200 ? "text/event-stream" : "application/json";
            response.SendChunked = true;
            if (reply.RawBody is not null || reply.Status != 200)
            {
                await WriteAsync(response, reply.RawBody ?? """{"error":{"message":"the model is not loaded","type":"server_error"}}""");
                return;
            }

            foreach (var piece in reply.Pieces)
            {
                await WriteAsync(response, $"data: {Chunk(piece)}\n\n");
            }

            await WriteAsync(response, "data: [DONE]\n\n");
        }
        catch (Exception error) when (error is OperationCanceledException or HttpListenerException or IOException)
        {
            // The client gave up or the server is stopping.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private static string Chunk(string piece) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, delta = new { role = "assistant", content = piece }, finish_reason = (string?)null } },
    });

    private static async Task WriteAsync(HttpListenerResponse response, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await response.OutputStream.WriteAsync(bytes);
        await response.OutputStream.FlushAsync();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private bool disposed;

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stopping.Cancel();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping.
        }

        stopping.Dispose();
    }
}
