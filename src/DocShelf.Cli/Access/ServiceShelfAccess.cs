using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DocShelf.Answering.Answers;
using DocShelf.Core.Search;
using DocShelf.Web.Api;
using DocShelf.Web.Security;

namespace DocShelf.Cli.Access;

/// <summary>A shelf another process holds, asked through its socket with the same API the web page uses.</summary>
public sealed class ServiceShelfAccess(HttpClient http) : IShelfAccess
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ServiceReplies.Default, new DefaultJsonTypeInfoResolver()),
    };

    public async Task<SearchResult> SearchAsync(string query, int top, SearchMode? mode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return new SearchResult(query, mode ?? SearchMode.Lexical, [], [], [], 0);
        }

        var modeParameter = mode is { } chosen ? $"&mode={chosen.ToString().ToLowerInvariant()}" : "";
        return await GetAsync<SearchResult>(string.Create(CultureInfo.InvariantCulture, $"/api/search?q={Uri.EscapeDataString(query)}&top={top}{modeParameter}"), "the search", cancellationToken);
    }

    public Task<Answer> AskAsync(string question, Action<string>? draft, CancellationToken cancellationToken) =>
        GetAsync<Answer>($"/api/ask?q={Uri.EscapeDataString(question)}", "the question", cancellationToken);

    public async Task<IReadOnlyList<DocumentSummary>> DocumentsAsync(CancellationToken cancellationToken) =>
        await GetAsync<List<DocumentSummary>>("/api/documents", "the document list", cancellationToken);

    public async Task<IReadOnlyList<PageView>> PagesAsync(DocumentSummary document, CancellationToken cancellationToken)
    {
        var pages = new List<PageView>();
        for (var number = 1; number <= document.Pages; number++)
        {
            pages.Add(await GetAsync<PageView>(string.Create(CultureInfo.InvariantCulture, $"/api/documents/{document.Id}/pages/{number}"), $"page {number}", cancellationToken));
        }

        return pages;
    }

    /// <summary>The holder's status: its worker's progress, when it is a service, and the shelf at a glance.</summary>
    /// <param name="footprint">Whether the holder should also measure what the data folder's bytes go to.</param>
    public Task<StatusView> StatusAsync(CancellationToken cancellationToken, bool footprint = false) =>
        GetAsync<StatusView>(footprint ? "/api/status?footprint=true" : "/api/status", "the status", cancellationToken);

    /// <summary>
    /// Asks the holder to change something, with the header every such request needs (the page's cross-site guard
    /// applies on the socket too); a refusal is thrown in the holder's words.
    /// </summary>
    public async Task PostAsync(string path, object? body, string what, CancellationToken cancellationToken)
    {
        using var response = await SendPostAsync(path, body, what, cancellationToken);
    }

    /// <summary>As <see cref="PostAsync"/>, reading the holder's reply.</summary>
    public async Task<T> PostAsync<T>(string path, object? body, string what, CancellationToken cancellationToken)
    {
        using var response = await SendPostAsync(path, body, what, cancellationToken);
        return await ReplyAsync<T>(response, what, cancellationToken);
    }

    /// <summary>
    /// Names files for the running service to read (<see cref="Hosting.IngestEndpoint"/>); false when the process
    /// holding the shelf is not the service but another one adding files.
    /// </summary>
    public async Task<bool> NameFilesAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Hosting.IngestEndpoint.Route) { Content = JsonContent.Create(new Hosting.IngestRequest(files)) };
        request.Headers.Add(CrossSiteGuard.HeaderName, CrossSiteGuard.HeaderValue);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return false;
        }

        return response.IsSuccessStatusCode ? true : throw await RefusalAsync(response, "the files to ingest", cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private static async Task<T> ReplyAsync<T>(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await RefusalAsync(response, what, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new ServiceRefusedException($"the DocShelf process holding the shelf sent an empty reply to {what}");
    }

    private async Task<T> GetAsync<T>(string path, string what, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReplyAsync<T>(response, what, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendPostAsync(string path, object? body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(CrossSiteGuard.HeaderName, CrossSiteGuard.HeaderValue);
        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await RefusalAsync(response, what, cancellationToken);
        }
    }

    /// <summary>The refusal in the words the process holding the shelf gave for it.</summary>
    private static async Task<ServiceRefusedException> RefusalAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var detail = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? (await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken))?.Detail
            : null;
        return new ServiceRefusedException($"the DocShelf process holding the shelf refused {what}: {detail ?? response.ReasonPhrase}");
    }


    private sealed record Problem(string? Detail);
}
