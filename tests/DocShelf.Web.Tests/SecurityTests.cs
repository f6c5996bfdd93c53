using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DocShelf.Web.Security;

namespace DocShelf.Web.Tests;

[Collection(WebShelfCollection.Name)]
public sealed class SecurityTests(WebShelf shelf)
{
    private const string Token = "correct-horse-battery-staple";

    /// <summary>A fetch of something from another origin: src=, href=, url(), import or fetch of a scheme-relative or absolute address.</summary>
    private const string ElsewhereReference = """(src|href|url\(|import|fetch\(|EventSource\()\s*=?\s*["'(]?\s*(https?:|wss?:)?//""";

    [Fact]
    public async Task The_page_is_served_with_a_policy_that_forbids_other_origins()
    {
        using var app = shelf.Serve();
        var response = await app.CreateClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>DocShelf</title>", html, StringComparison.Ordinal);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotMatch(ElsewhereReference, html); // no asset, font or script from elsewhere
    }

    [Theory]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/style.css", "text/css")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_page_assets_come_from_the_app_itself(string path, string type)
    {
        using var app = shelf.Serve();
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotMatch(ElsewhereReference, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused_while_bound_to_loopback()
    {
        using var app = shelf.Serve();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Host = "rebound.attacker.example";

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task With_an_access_token_the_api_refuses_callers_without_it()
    {
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });
        var client = app.CreateClient();

        var anonymous = await client.GetAsync("/api/search?q=harbour");
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=harbour") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        var right = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=harbour") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_with_the_token_gives_the_page_a_cookie_that_opens_the_api()
    {
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });
        var client = app.CreateClient(); // keeps cookies, as a browser does

        var refused = await client.PostFromPageAsync("/api/session", JsonContent.Create(new { token = "guess" }));
        var accepted = await client.PostFromPageAsync("/api/session", JsonContent.Create(new { token = Token }));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        var cookie = accepted.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, cookie, StringComparison.Ordinal); // a random session id, never the token
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=harbour")).StatusCode);
    }

    [Fact]
    public async Task A_made_up_session_cookie_opens_nothing()
    {
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });
        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=harbour") { Headers = { { "Cookie", $"docshelf-session={Token}" } } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_to_five_a_minute()
    {
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 7; attempt++)
        {
            statuses.Add((await client.PostFromPageAsync("/api/session", JsonContent.Create(new { token = $"guess-{attempt}" }))).StatusCode);
        }

        var last = await client.PostFromPageAsync("/api/session", JsonContent.Create(new { token = Token }));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), statuses.Take(5));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode); // even the right token waits out the minute
        Assert.Equal("60", last.Headers.GetValues("Retry-After").Single());
    }

    [Theory]
    [InlineData("127.0.0.1:8470", null)]
    [InlineData("[::1]:8470", null)]
    [InlineData("localhost:0", null)]
    [InlineData("0.0.0.0:8470", "a-token")]
    [InlineData("192.168.1.20:8470", "a-token")]
    public void Listening_beyond_loopback_is_allowed_only_with_a_token(string listen, string? token)
    {
        ListenAddress.Parse(listen).RequireTokenUnlessLoopback(token);
    }

    [Theory]
    [InlineData("0.0.0.0:8470")]
    [InlineData("192.168.1.20:8470")]
    [InlineData("[::]:8470")]
    public void Listening_beyond_loopback_without_a_token_is_refused(string listen)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ListenAddress.Parse(listen).RequireTokenUnlessLoopback(null));
        Assert.Contains("AccessToken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8470")]
    [InlineData("somehost:8470")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("127.0.0.1:port")]
    public void A_malformed_listen_address_is_refused(string listen)
    {
        Assert.Throws<FormatException>(() => ListenAddress.Parse(listen));
    }
}
