using System.Text;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Web.Security;

namespace DocShelf.Cli.Tests;

/// <summary>What a kill leaves of an upload in flight never outlives the next start, and never lands in the system's temporary folder.</summary>
public sealed class KillLeftoversTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task An_upload_cut_short_by_a_kill_leaves_nothing_in_the_temporary_folder_and_nothing_after_the_next_start()
    {
        var data = folder.File("data");
        var inbox = folder.Folder("inbox");
        var systemTemporary = folder.Folder("system-tmp");
        var environment = new Dictionary<string, string> { ["TMPDIR"] = systemTemporary, ["ASPNETCORE_TEMP"] = systemTemporary };
        using (var service = ServiceProcess.Start(data, inbox, environment))
        {
            var sending = SendForeverAsync(new Uri(await service.WebUrlAsync()));
            await Eventually.HoldsAsync(() => Partial(inbox) is [{ Length: > 4 << 20 }], "the upload is part-way in", TimeSpan.FromMinutes(1));
            service.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => sending);
        }

        // No ASPNETCORE_*.tmp, nor any file with bytes in it; the runtime's own debugging pipes may stay, empty.
        Assert.All(Directory.EnumerateFiles(systemTemporary), file => Assert.Equal(0, new FileInfo(file).Length));
        Assert.Empty(Directory.EnumerateFiles(systemTemporary, "ASPNETCORE_*"));
        Assert.Single(Partial(inbox)); // the kill left its hidden part behind...
        using (var service = ServiceProcess.Start(data, inbox, environment))
        {
            await service.WebUrlAsync();
            Assert.Empty(Partial(inbox)); // ...and the next start swept it away
            Assert.Empty(Directory.EnumerateFileSystemEntries(inbox));
            Assert.Equal(0, await service.StopAsync());
        }
    }

    public void Dispose() => folder.Dispose();

    private static FileInfo[] Partial(string inbox) => new DirectoryInfo(inbox).GetFiles(".upload-*");

    /// <summary>A multipart upload whose file part never ends: it sends a megabyte at a time until the connection dies.</summary>
    private static async Task SendForeverAsync(Uri service)
    {
        using var http = new HttpClient { BaseAddress = service, Timeout = Timeout.InfiniteTimeSpan };
        var content = new StreamContent(new EndlessPdf());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/upload") { Content = content };
        request.Headers.Add(CrossSiteGuard.HeaderName, CrossSiteGuard.HeaderValue);
        using var response = await http.SendAsync(request);
        Assert.Fail($"the upload should not have finished, but got {(int)response.StatusCode}");
    }

    /// <summary>The part's head, then PDF-like bytes without end, slowly enough that the kill comes mid-way.</summary>
    private sealed class EndlessPdf : Stream
    {
        private readonly byte[] head = Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"endless.pdf\"\r\n\r\n%PDF-1.4\n");
        private long sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => sent; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (sent == 0)
            {
                head.CopyTo(buffer);
                sent = head.Length;
                return head.Length;
            }

            await Task.Delay(20, cancellationToken);
            var count = Math.Min(buffer.Length, 1 << 20);
            buffer.Span[..count].Fill((byte)'x');
            sent += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
