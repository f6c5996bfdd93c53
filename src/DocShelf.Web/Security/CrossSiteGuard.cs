using DocShelf.Web.Api;
using Microsoft.AspNetCore.Http;

namespace DocShelf.Web.Security;

/// <summary>
/// Stops other web sites from making the browser change the shelf (upload, retry, sign in). A request that changes
/// something must carry the page's own header, which a cross-site form cannot send, and must not come from
/// another origin by the browser's own account (Origin and Sec-Fetch-Site).
/// </summary>
public sealed class CrossSiteGuard(RequestDelegate next)
{
    public const string HeaderName = "X-DocShelf-Request";

    /// <summary>The one value the page sends; any other, or the header sent twice, is refused.</summary>
    public const string HeaderValue = "1";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return next(context);
        }

        var problem = CrossSiteProblem(request);
        return problem is null ? next(context) : ApiProblems.Forbidden(problem).ExecuteAsync(context);
    }

    private static string? CrossSiteProblem(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return "Requests from other web sites may not change this shelf.";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return $"Requests from {origin} may not change this shelf.";
        }

        return request.Headers[HeaderName] is [HeaderValue]
            ? null
            : $"A request that changes the shelf must carry the header {HeaderName}: {HeaderValue} (the page sends it).";
    }
}
