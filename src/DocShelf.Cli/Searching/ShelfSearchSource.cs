using DocShelf.Cli.Settings;
using DocShelf.Ingestion.Watching;
using DocShelf.Search;

namespace DocShelf.Cli.Searching;

public static class ShelfSearchSource
{
    /// <summary>The running service's API when one holds the shelf, else the shelf itself.</summary>
    public static IShelfSearch Open(string dataDirectory)
    {
        var settings = SettingsLoader.Load(dataDirectory, new Dictionary<string, string?>());
        if (ServiceStatusFile.ReadLive(dataDirectory) is { WebUrl: { } url })
        {
            return new ServiceSearch(new Uri(url), settings.AccessToken);
        }

        var shelf = Shelf.OpenForReading(dataDirectory);
        shelf.Searcher.Fusion = settings.ToHybridFusion();
        return new LocalSearch(shelf);
    }
}
