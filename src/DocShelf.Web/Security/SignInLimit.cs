using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace DocShelf.Web.Security;

/// <summary>
/// At most <see cref="AttemptsPerMinute"/> sign-in attempts a minute from one client address; the next get 429 Too
/// Many Requests with Retry-After. Enough for a person who mistypes, far too few to guess a token.
/// </summary>
public static class SignInLimit
{
    public const string Policy = "sign-in";
    public const int AttemptsPerMinute = 5;

    public static void Add(RateLimiterOptions limits)
    {
        limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limits.OnRejected = (rejected, _) =>
        {
            rejected.HttpContext.Response.Headers.RetryAfter = "60";
            return ValueTask.CompletedTask;
        };
        limits.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = AttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }
}
