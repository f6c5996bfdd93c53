using DocShelf.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Web.Api;

/// <summary>
/// Signing in on the page: a correct token is exchanged for an HttpOnly, same-site cookie holding a random session
/// id. Attempts are limited per client address (<see cref="SignInLimit"/>), so the token cannot be guessed at speed.
/// </summary>
public static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(AccessGate.SessionPath, (AccessToken token) => TypedResults.Ok(new { TokenRequired = token.Required }));
        routes.MapPost(AccessGate.SessionPath, (SessionRequest? request, HttpContext context, AccessToken accessToken, SignInSessions sessions) =>
        {
            if (!accessToken.Required)
            {
                return (IResult)TypedResults.NoContent();
            }

            if (request?.Token is not { Length: > 0 } token || !accessToken.Matches(token))
            {
                return ApiProblems.Unauthorized("That is not this shelf's access token.");
            }

            context.Response.Cookies.Append(AccessGate.CookieName, sessions.Start(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = SignInSessions.Lifetime,
            });
            return TypedResults.NoContent();
        }).DisableAntiforgery().RequireRateLimiting(SignInLimit.Policy);
    }
}
