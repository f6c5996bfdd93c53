using DocShelf.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Web.Api;

/// <summary>
/// Signing in on the page: a correct token is exchanged for an HttpOnly, same-site cookie holding a random session
/// id. Failed attempts count per client address with every other failed authentication (<see cref="FailedAuthentication"/>),
/// so the token cannot be guessed at speed.
/// </summary>
public static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(AccessGate.SessionPath, (AccessToken token) => TypedResults.Ok(new SessionNeed(token.Required)));
        routes.MapPost(AccessGate.SessionPath, async (SessionRequest? request, HttpContext context, AccessToken accessToken, SignInSessions sessions, FailedAuthentication failures) =>
        {
            if (!accessToken.Required)
            {
                return (IResult)TypedResults.NoContent();
            }

            if (failures.LockedOut(context) is { } wait)
            {
                await FailedAuthentication.RefuseAsync(context, wait);
                return Results.Empty;
            }

            if (request?.Token is not { Length: > 0 } token || !accessToken.Matches(token))
            {
                failures.Record(context);
                return ApiProblems.Unauthorized(context, "That is not this shelf's access token.");
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
        }).DisableAntiforgery();
    }
}
