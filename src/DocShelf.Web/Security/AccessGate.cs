using DocShelf.Web.Api;
using Microsoft.AspNetCore.Http;

namespace DocShelf.Web.Security;

/// <summary>
/// When an access token is configured, API calls must present it as "Authorization: Bearer TOKEN" from scripts, or
/// carry the HttpOnly session cookie the page receives from POST /api/session. The page's own files, /health and
/// the sign-in route stay open. A wrong token or an unknown session counts against the client's failures
/// (<see cref="FailedAuthentication"/>); a call with no credentials at all does not, so no other site can lock a
/// user out by sending the browser here.
/// </summary>
public sealed class AccessGate(RequestDelegate next, AccessToken token, SignInSessions sessions, FailedAuthentication failures)
{
    public const string CookieName = "docshelf-session";
    public const string SessionPath = "/api/session";

    private enum Credentials
    {
        None,
        Valid,
        Wrong,
    }

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!token.Required || !path.StartsWithSegments("/api") || path.StartsWithSegments(SessionPath))
        {
            return next(context);
        }

        if (failures.LockedOut(context) is { } wait)
        {
            return FailedAuthentication.RefuseAsync(context, wait);
        }

        var presented = Check(context.Request);
        if (presented == Credentials.Valid)
        {
            return next(context);
        }

        if (presented == Credentials.Wrong)
        {
            failures.Record(context);
            // A stale cookie is dropped at once, so the page's next calls do not count against it as well.
            context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        }

        return ApiProblems.Unauthorized(context, "This shelf needs its access token: sign in on the page, or send Authorization: Bearer TOKEN.")
            .ExecuteAsync(context);
    }

    private Credentials Check(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return token.Matches(header["Bearer ".Length..].Trim()) ? Credentials.Valid : Credentials.Wrong;
        }

        if (header.Length > 0)
        {
            return Credentials.Wrong; // another scheme, or a malformed header: a try all the same
        }

        return !request.Cookies.TryGetValue(CookieName, out var session) ? Credentials.None
            : sessions.IsValid(session) ? Credentials.Valid
            : Credentials.Wrong;
    }
}
