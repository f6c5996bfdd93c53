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
    public async Task Failed_sign_ins_bearer_tokens_and_cookies_count_against_one_limit()
    {
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < FailedAuthentication.MostPerMinute; attempt++)
        {
            var response = (attempt % 3) switch
            {
                0 => await client.PostFromPageAsync("/api/session", JsonContent.Create(new { token = $"guess-{attempt}" })),
                1 => await client.SendAsync(Bearer($"guess-{attempt}")),
                _ => await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/search?q=harbour") { Headers = { { "Cookie", $"docshelf-session=made-up-{attempt}" } } }),
            };
            statuses.Add(response.StatusCode);
        }

        var rightBearer = await client.SendAsync(Bearer(Token));
        var rightSignIn = await client.PostFromPageAsync("/api/session", JsonContent.Create(new { token = Token }));
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, rightBearer.StatusCode); // even the right token waits out the minute
        Assert.Equal(HttpStatusCode.TooManyRequests, rightSignIn.StatusCode);
        var wait = int.Parse(rightBearer.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 60);
    }

    [Fact]
    public async Task Bearer_tokens_cannot_be_guessed_at_speed()
    {
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var guess = 0; guess < 300; guess++)
        {
            statuses.Add((await client.SendAsync(Bearer($"guess-{guess}"))).StatusCode);
        }

        Assert.Equal(FailedAuthentication.MostPerMinute, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(300 - FailedAuthentication.MostPerMinute, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Calls_that_present_no_credentials_do_not_count_against_the_limit()
    {
        // Another site can make the browser call here without credentials; that must not lock its user out.
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });
        var client = app.CreateClient();

        for (var call = 0; call < 3 * FailedAuthentication.MostPerMinute; call++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/status")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostFromPageAsync("/api/session", JsonContent.Create(new { token = Token }))).StatusCode);
    }

    [Fact]
    public async Task A_refusal_for_want_of_the_token_names_the_bearer_scheme()
    {
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });
        var client = app.CreateClient();

        var anonymous = await client.GetAsync("/api/search?q=harbour");
        var wrongSignIn = await client.PostFromPageAsync("/api/session", JsonContent.Create(new { token = "guess" }));

        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("Bearer", wrongSignIn.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_stale_session_cookie_is_dropped_with_its_refusal()
    {
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });
        var stale = new HttpRequestMessage(HttpMethod.Get, "/api/status") { Headers = { { "Cookie", "docshelf-session=from-before-a-restart" } } };

        var response = await app.CreateClient().SendAsync(stale);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var cleared = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("docshelf-session=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/search?q=harbour")]
    [InlineData("/api/documents")]
    [InlineData("/api/status")]
    public async Task Api_replies_are_never_kept_in_a_cache(string route)
    {
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });

        var response = await app.CreateClient().SendAsync(Bearer(Token, route));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{route} may be stored");
    }

    [Fact]
    public async Task An_original_is_never_kept_in_a_cache()
    {
        using var app = shelf.Serve(new WebOptions { AccessToken = Token });

        var response = await app.CreateClient().SendAsync(Bearer(Token, $"/api/documents/{shelf.Id("harbour report.pdf")}/original"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://attacker.example")]
    [InlineData("Origin", "null")]
    public async Task A_read_from_another_site_is_refused_before_any_work(string header, string value)
    {
        using var app = shelf.Serve();
        var client = app.CreateClient();
        var id = shelf.Id("lighthouse.png");

        foreach (var route in new[] { "/api/search?q=harbour", $"/api/documents/{id}/pages/1?q=harbour", $"/api/documents/{id}/original", "/api/ask?q=harbour" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, route);
            request.Headers.TryAddWithoutValidation(header, value);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
        }
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Sec-Fetch-Site", "none")]
    [InlineData("Origin", "http://localhost")]
    public async Task A_read_from_the_page_itself_or_typed_in_is_served(string header, string value)
    {
        using var app = shelf.Serve();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=harbour");
        request.Headers.TryAddWithoutValidation(header, value);

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_page_itself_may_be_loaded_from_anywhere()
    {
        using var app = shelf.Serve();
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);
    }

    private static HttpRequestMessage Bearer(string token, string route = "/api/search?q=harbour") =>
        new(HttpMethod.Get, route) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

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
