using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace DocShelf.Web.Security;

/// <summary>
/// Failed authentications per client address, whatever failed: a wrong bearer token, an unknown session cookie or a
/// wrong token at sign-in. Past <see cref="MostPerMinute"/> in a minute, the address gets 429 with Retry-After for
/// every authenticated call until the minute is out, the right token included, so a guesser learns nothing from it.
/// Enough for a person who mistypes or a browser holding a stale cookie, far too few to guess a token.
/// </summary>
public sealed class FailedAuthentication : IDisposable
{
    public const int MostPerMinute = 10;

    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = MostPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>How long the client must wait before it may try again; null when it may try now.</summary>
    public TimeSpan? LockedOut(HttpContext context)
    {
        // Asking for no permit takes none: it only tells whether any are left, and when more come if not.
        using var probe = failures.AttemptAcquire(AddressOf(context), permitCount: 0);
        return probe.IsAcquired ? null
            : probe.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait
            : TimeSpan.FromMinutes(1);
    }

    public void Record(HttpContext context) => failures.AttemptAcquire(AddressOf(context)).Dispose();

    /// <summary>The 429 reply, with the seconds to wait in Retry-After.</summary>
    public static Task RefuseAsync(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Api.ApiProblems.TooManyRequests($"Too many failed sign-ins from this address; try again in {seconds} s.").ExecuteAsync(context);
    }

    public void Dispose() => failures.Dispose();

    /// <summary>The client's address; callers on the shelf's socket, which has none, share one limit.</summary>
    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "socket";
}
