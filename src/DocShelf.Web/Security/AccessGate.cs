using DocShelf.Web.Api;
using Microsoft.AspNetCore.Http;

namespace DocShelf.Web.Security;

/// <summary>
/// When an access token is configured, API calls must present it as "Authorization: Bearer TOKEN" from scripts, or
/// carry the HttpOnly session cookie the page receives from POST /api/session. The page's own files and /health
/// stay open.
/// </summary>
public sealed class AccessGate(RequestDelegate next, AccessToken token, SignInSessions sessions)
{
    public const string CookieName = "docshelf-session";
    public const string SessionPath = "/api/session";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!token.Required || !path.StartsWithSegments("/api") || path.StartsWithSegments(SessionPath) || Admitted(context.Request))
        {
            return next(context);
        }

        return ApiProblems.Unauthorized("This shelf needs its access token: sign in on the page, or send Authorization: Bearer TOKEN.")
            .ExecuteAsync(context);
    }

    private bool Admitted(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return token.Matches(header["Bearer ".Length..].Trim());
        }

        return request.Cookies.TryGetValue(CookieName, out var session) && sessions.IsValid(session);
    }
}
