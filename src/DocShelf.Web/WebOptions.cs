namespace DocShelf.Web;

/// <summary>How the web app listens, who may use it, and where uploads go.</summary>
public sealed record WebOptions
{
    /// <summary>Address and port, "127.0.0.1:8470" by default; any address other than loopback needs an access token.</summary>
    public string Listen { get; init; } = "127.0.0.1:8470";

    /// <summary>When set, every API call must present it (a bearer header, or the cookie the page gets by signing in).</summary>
    public string? AccessToken { get; init; }

    /// <summary>Largest upload accepted in one request.</summary>
    public long MaxUploadBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The watched folders; uploads go into the first, and originals are only served from inside them.</summary>
    public IReadOnlyList<string> Inboxes { get; init; } = [];

    /// <summary>How long one search may run before it is stopped.</summary>
    public TimeSpan SearchTimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one question may run, its search and any answer a chat model writes included.</summary>
    public TimeSpan AskTimeLimit { get; init; } = TimeSpan.FromSeconds(130);

    /// <summary>
    /// How much the page images drawn for the viewer may take in the data folder before the least recently viewed
    /// are let go (they are drawn again when next viewed).
    /// </summary>
    public long PageImageCacheBytes { get; init; } = DefaultPageImageCacheMegabytes << 20;

    /// <summary>The default of <see cref="PageImageCacheBytes"/>, in megabytes: about a thousand pages.</summary>
    public const long DefaultPageImageCacheMegabytes = 512;

    /// <summary>Passwords tried on encrypted PDFs when a page image is rendered.</summary>
    public IReadOnlyList<string> PdfPasswords { get; init; } = [];
}
