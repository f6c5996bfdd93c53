using Microsoft.AspNetCore.Http;

namespace DocShelf.Web.Security;

/// <summary>
/// Headers that keep the page to this machine's own origin (nothing from other sites loads, and no other site may
/// frame it) and keep the API's replies out of every cache.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            // What the API sends is the shelf's own text and files: no browser or proxy keeps a copy of it.
            headers.CacheControl = "no-store";
        }

        return next(context);
    }
}
