using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DocShelf.Web.Security;

/// <summary>
/// The page's sign-ins: a correct access token is exchanged for a random session id, and only the id goes in the
/// cookie, so a copied cookie or a browser's cookie store never holds the token itself. Sessions live in memory
/// and end after <see cref="Lifetime"/> or when the service restarts, which signs everyone out.
/// </summary>
public sealed class SignInSessions(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, DateTimeOffset> expiries = new(StringComparer.Ordinal);

    /// <summary>A new session's id: 32 random bytes, URL-safe.</summary>
    public string Start()
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        expiries[id] = clock.GetUtcNow() + Lifetime;
        return id;
    }

    public bool IsValid(string id)
    {
        if (!expiries.TryGetValue(id, out var expiry))
        {
            return false;
        }

        if (expiry > clock.GetUtcNow())
        {
            return true;
        }

        expiries.TryRemove(id, out _);
        return false;
    }
}
