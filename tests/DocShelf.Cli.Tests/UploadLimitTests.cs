using System.Net;
using System.Net.Http.Headers;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Web.Security;

namespace DocShelf.Cli.Tests;

/// <summary>The upload limit as `serve` really enforces it, through Kestrel: what it allows arrives, what it does not gets 413.</summary>
public sealed class UploadLimitTests : IDisposable
{
    private const int LimitMegabytes = 150;
    private readonly TempFolder folder = new();

    [Fact]
    public async Task An_upload_under_the_limit_but_over_the_form_readers_default_arrives_and_one_over_it_gets_413()
    {
        var data = folder.Folder("data");
        await File.WriteAllTextAsync(Path.Combine(data, "docshelf.json"), $$"""{ "MaxUploadMegabytes": {{LimitMegabytes}} }""");
        var inbox = folder.Folder("inbox");
        using var service = ServiceProcess.Start(data, inbox);
        using var http = new HttpClient { BaseAddress = new Uri(await service.WebUrlAsync()), Timeout = TimeSpan.FromMinutes(3) };

        var allowed = await UploadAsync(http, "big scan.pdf", 140L << 20);
        var declaredOver = await UploadAsync(http, "declared.pdf", (LimitMegabytes + 10L) << 20);
        var streamedOver = await StreamedStatusAsync(http.BaseAddress!, "streamed.pdf", (LimitMegabytes + 10L) << 20);

        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        Assert.Equal(140L << 20, new FileInfo(Path.Combine(inbox, "big scan.pdf")).Length);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declaredOver.StatusCode);
        Assert.StartsWith("HTTP/1.1 413", streamedOver, StringComparison.Ordinal);
        Assert.Contains($"at most {LimitMegabytes} MB", streamedOver, StringComparison.Ordinal);
        Assert.Equal(["big scan.pdf"], Directory.GetFiles(inbox).Select(Path.GetFileName));
        Assert.Equal(0, await service.StopAsync());
    }

    /// <summary>Uploads a PDF-headed file of <paramref name="bytes"/>.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string name, long bytes)
    {
        var part = new StreamContent(new PdfLikeStream(bytes));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/upload") { Content = new MultipartFormDataContent { { part, "files", name } } };
        request.Headers.Add(CrossSiteGuard.HeaderName, CrossSiteGuard.HeaderValue);
        request.Headers.ExpectContinue = true; // as curl sends a large body: a refusal then arrives before the body is sent
        try
        {
            return await http.SendAsync(request);
        }
        catch (HttpRequestException error)
        {
            throw new InvalidOperationException($"the upload of {name} got no reply", error);
        }
    }

    /// <summary>
    /// Sends an upload chunked, with no length declared, and returns the reply as it arrives. The server answers and
    /// closes the connection at the limit, while the body is still being sent: HttpClient reports only the broken
    /// pipe then, so the reply is read straight from the socket, as a browser's network layer would.
    /// </summary>
    private static async Task<string> StreamedStatusAsync(Uri server, string name, long bytes)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var reply = ReadReplyAsync(stream);
        var head = $"POST /api/upload HTTP/1.1\r\nHost: {server.Authority}\r\n{CrossSiteGuard.HeaderName}: {CrossSiteGuard.HeaderValue}\r\n" +
                   "Content-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n";
        var partHead = $"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n";
        try
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
            await WriteChunkAsync(stream, System.Text.Encoding.ASCII.GetBytes(partHead));
            var zeros = new byte[1 << 20];
            for (long sent = 0; sent < bytes && !reply.IsCompleted; sent += zeros.Length)
            {
                await WriteChunkAsync(stream, zeros);
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering.
        }

        return await reply.WaitAsync(TimeSpan.FromMinutes(1));
    }

    private static async Task WriteChunkAsync(Stream stream, byte[] chunk)
    {
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
        await stream.WriteAsync(chunk);
        await stream.WriteAsync("\r\n"u8.ToArray());
    }

    private static async Task<string> ReadReplyAsync(Stream stream)
    {
        var reply = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            reply.Write(buffer, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(reply.ToArray());
    }

    /// <summary>A "%PDF-" header followed by zeros, made as it is read, so no test file of that size is written.</summary>
    private sealed class PdfLikeStream(long length) : Stream
    {
        private static readonly byte[] Header = "%PDF-1.4\n"u8.ToArray();
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => position;
            set => position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, n);
            for (var i = 0; i < n && position + i < Header.Length; i++)
            {
                buffer[offset + i] = Header[position + i];
            }

            position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    public void Dispose() => folder.Dispose();
}
