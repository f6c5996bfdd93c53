using System.Net.Http.Json;
using System.Text.Json;
using DocShelf.Web.Security;

namespace DocShelf.Web.Tests;

/// <summary>Small helpers for reading the API's JSON and its problem details.</summary>
public static class ApiClient
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The "detail" sentence of a problem reply.</summary>
    public static async Task<string> DetailAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("detail").GetString() ?? "";

    /// <summary>A POST as the page sends it, with the header that shows it comes from the page itself.</summary>
    public static Task<HttpResponseMessage> PostFromPageAsync(this HttpClient client, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(CrossSiteGuard.HeaderName, "1");
        return client.SendAsync(request);
    }

    /// <summary>A DELETE as the page sends it.</summary>
    public static Task<HttpResponseMessage> DeleteFromPageAsync(this HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add(CrossSiteGuard.HeaderName, "1");
        return client.SendAsync(request);
    }
}
