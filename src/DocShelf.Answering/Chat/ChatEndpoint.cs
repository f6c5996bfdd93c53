using System.Net;

namespace DocShelf.Answering.Chat;

/// <summary>
/// The address of an OpenAI-compatible chat server, checked: DocShelf sends the shelf's text to it, so anything
/// beyond this machine is refused unless the administrator has allowed it in so many words.
/// </summary>
public static class ChatEndpoint
{
    public static Uri Check(string? url, bool allowRemote)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ChatSetupException($"ChatUrl must be an http:// address such as http://127.0.0.1:11434/v1, not \"{url}\".");
        }

        if (!allowRemote && !IsLoopback(uri))
        {
            throw new ChatSetupException(
                $"ChatUrl {uri} is not on this machine, and the shelf's text would leave it. Use a loopback address " +
                "(127.0.0.1, ::1 or localhost), or set ChatAllowRemote to true if that server is meant to see your documents.");
        }

        return uri;
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
