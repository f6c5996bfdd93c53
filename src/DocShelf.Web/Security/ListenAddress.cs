using System.Globalization;
using System.Net;

namespace DocShelf.Web.Security;

/// <summary>The address and port the web app binds to, parsed from "HOST:PORT".</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    public string Url => $"http://{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port}";

    public static ListenAddress Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon].Trim('[', ']') : "";
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (address is null || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"\"{text}\" is not an address to listen on; write it as 127.0.0.1:8470 or 0.0.0.0:8470.");
        }

        return new ListenAddress(address, port);
    }

    /// <summary>Refuses to expose the shelf beyond this machine without an access token.</summary>
    public void RequireTokenUnlessLoopback(string? accessToken)
    {
        if (!IsLoopback && string.IsNullOrWhiteSpace(accessToken))
        {
            throw new InvalidOperationException(
                $"Listening on {Address} would let other machines reach the shelf. Set AccessToken in docshelf.json (or DOCSHELF_AccessToken) first, or listen on 127.0.0.1.");
        }
    }
}
