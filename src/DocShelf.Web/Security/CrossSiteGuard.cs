using DocShelf.Web.Api;
using Microsoft.AspNetCore.Http;

namespace DocShelf.Web.Security;

/// <summary>
/// Stops other web sites from making the browser use the shelf. No API call of another site's is served, not even a
/// read (an image tag could otherwise set off a costly search, or a page read a document): a request the browser
/// says comes from elsewhere (Sec-Fetch-Site, Origin) is refused before any work. A request that changes something
/// must also carry the page's own header, which a cross-site form cannot send. The page's own files stay open.
/// </summary>
public sealed class CrossSiteGuard(RequestDelegate next)
{
    public const string HeaderName = "X-DocShelf-Request";

    /// <summary>The one value the page sends; any other, or the header sent twice, is refused.</summary>
    public const string HeaderValue = "1";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || HttpMethods.IsOptions(request.Method))
        {
            return next(context);
        }

        var problem = ForeignSiteProblem(request) ?? (IsRead(request) ? null : MissingHeaderProblem(request));
        return problem is null ? next(context) : ApiProblems.Forbidden(problem).ExecuteAsync(context);
    }

    private static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    /// <summary>Why the browser's own account of the request says it comes from another site; null when it does not.</summary>
    private static string? ForeignSiteProblem(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return "Requests from other web sites may not use this shelf.";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            ? $"Requests from {origin} may not use this shelf."
            : null;
    }

    private static string? MissingHeaderProblem(HttpRequest request) => request.Headers[HeaderName] is [HeaderValue]
        ? null
        : $"A request that changes the shelf must carry the header {HeaderName}: {HeaderValue} (the page sends it).";
}
