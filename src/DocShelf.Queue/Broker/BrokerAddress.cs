namespace DocShelf.Queue.Broker;

/// <summary>
/// Where the broker is and who DocShelf is there: amqp://USER@HOST[:PORT]/VHOST, or amqps:// for TLS. The password is
/// never part of it: an address is given on command lines and shown in logs and status, and a password there would
/// be readable by every user of the machine.
/// </summary>
public sealed record BrokerAddress(string Host, int Port, string User, string VirtualHost, bool Tls)
{
    public const int PlainPort = 5672;
    public const int TlsPort = 5671;

    /// <exception cref="FormatException">Not such an address, or one that carries a password.</exception>
    public static BrokerAddress Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || uri.Host.Length == 0)
        {
            throw new FormatException($"\"{text}\" is not a broker address: write amqp://USER@HOST/VHOST (amqps:// for TLS).");
        }

        var user = Uri.UnescapeDataString(uri.UserInfo);
        if (user.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException(
                "The broker address carries a password, which would be seen by anyone who can list this machine's processes or read its logs: " +
                "leave it out of the address and put it in the file the QueuePasswordFile setting names (readable by the service's user only).");
        }

        if (user.Length == 0)
        {
            throw new FormatException($"\"{text}\" names no user: write amqp://USER@HOST/VHOST.");
        }

        var tls = uri.Scheme == "amqps";
        var path = uri.AbsolutePath.TrimStart('/');
        return new BrokerAddress(uri.Host, uri.IsDefaultPort ? (tls ? TlsPort : PlainPort) : uri.Port, user, path.Length == 0 ? "/" : Uri.UnescapeDataString(path), tls);
    }

    /// <summary>The address as it was given, without a password: safe for logs and status.</summary>
    public override string ToString() =>
        $"{(Tls ? "amqps" : "amqp")}://{Uri.EscapeDataString(User)}@{Host}:{Port}/{(VirtualHost == "/" ? "" : Uri.EscapeDataString(VirtualHost))}";
}
