using DocShelf.Cli.Settings;
using DocShelf.Ingestion.Watching;
using DocShelf.Search;

namespace DocShelf.Cli.Searching;

public static class ShelfSearchSource
{
    /// <summary>The running service's API when one holds the shelf, else the shelf itself.</summary>
    public static IShelfSearch Open(string dataDirectory)
    {
        if (ServiceStatusFile.ReadLive(dataDirectory) is { WebUrl: { } url })
        {
            var token = SettingsLoader.Load(dataDirectory, new Dictionary<string, string?>()).AccessToken;
            return new ServiceSearch(new Uri(url), token);
        }

        return new LocalSearch(Shelf.OpenForReading(dataDirectory));
    }
}
