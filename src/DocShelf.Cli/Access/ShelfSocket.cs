using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DocShelf.Cli.Access;

/// <summary>
/// The Unix socket in the data folder through which the process holding a shelf (`serve`, `ingest`, `retry`) answers every
/// other DocShelf command: the shelf's store can have only one user, so others read through that one. Only the
/// folder's owner can connect (the socket is made owner-only), and the access token still applies when one is set.
/// </summary>
public static class ShelfSocket
{
    public const string FileName = "shelf.sock";

    /// <summary>The longest path a Unix socket may have (sun_path holds 108 bytes with its terminator).</summary>
    private const int MaxPathBytes = 107;

    public static string PathFor(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), FileName);

    /// <summary>
    /// Listens on the shelf's socket; does nothing when its path is too long for one (docs/operations.md says so).
    /// Whatever lies at the path is stale: this process holds the shelf lock, so no other can be answering there.
    /// </summary>
    public static void Listen(KestrelServerOptions kestrel, string dataDirectory)
    {
        var path = PathFor(dataDirectory);
        if (Encoding.UTF8.GetByteCount(path) <= MaxPathBytes)
        {
            File.Delete(path);
            kestrel.ListenUnixSocket(path);
        }
    }

    /// <summary>Called once listening: only the owner may connect, whatever the umask made of the file.</summary>
    public static void Restrict(string dataDirectory)
    {
        var path = PathFor(dataDirectory);
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public static void Remove(string dataDirectory) => File.Delete(PathFor(dataDirectory));

    /// <summary>A client for the process holding the shelf, or null when none answers on its socket.</summary>
    public static HttpClient? Connect(string dataDirectory, string? accessToken, TimeSpan timeout)
    {
        var path = PathFor(dataDirectory);
        var endpoint = new UnixDomainSocketEndPoint(path);
        if (!File.Exists(path) || !Answers(endpoint))
        {
            return null;
        }

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(endpoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri("http://localhost"), Timeout = timeout };
        if (!string.IsNullOrEmpty(accessToken))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>Whether something listens: a socket left by a process that was killed refuses the connection.</summary>
    private static bool Answers(UnixDomainSocketEndPoint endpoint)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(endpoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
