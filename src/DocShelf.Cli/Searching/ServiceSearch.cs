using System.Net.Http.Json;
using System.Text.Json;
using DocShelf.Core.Search;

namespace DocShelf.Cli.Searching;

/// <summary>
/// Searches through the running service's API: while `docshelf serve` runs it holds the shelf, and the same
/// searcher answers over loopback.
/// </summary>
public sealed class ServiceSearch(Uri address, string? accessToken) : IShelfSearch
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient http = ServiceClient.Create(address, accessToken, TimeSpan.FromSeconds(30));

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, SearchMode? mode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var modeParameter = mode is { } chosen ? $"&mode={chosen.ToString().ToLowerInvariant()}" : "";
        using var response = await http.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}&top={top}{modeParameter}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken);
            throw new ServiceRefusedException($"the DocShelf service at {address} refused the search: {problem?.Detail ?? response.ReasonPhrase}");
        }

        var result = await response.Content.ReadFromJsonAsync<Reply>(Json, cancellationToken);
        return result?.Results ?? [];
    }

    public void Dispose() => http.Dispose();

    private sealed record Reply(IReadOnlyList<SearchHit> Results);

    private sealed record Problem(string? Detail);
}
