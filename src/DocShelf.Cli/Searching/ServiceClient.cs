using System.Net.Http.Headers;

namespace DocShelf.Cli.Searching;

/// <summary>An HTTP client for the running service's API, presenting the access token when one is configured.</summary>
public static class ServiceClient
{
    public static HttpClient Create(Uri address, string? accessToken, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = timeout };
        if (!string.IsNullOrEmpty(accessToken))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }
}
