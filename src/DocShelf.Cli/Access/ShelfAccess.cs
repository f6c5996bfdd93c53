using DocShelf.Cli.Composition;
using DocShelf.Cli.Settings;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Access;

/// <summary>Opens a shelf for the reading commands: through the process that holds it, or here when none does.</summary>
public static class ShelfAccess
{
    /// <summary>How long to wait for a process that is opening the shelf to start answering on its socket.</summary>
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(15);

    /// <summary>Long enough for a generative answer on a CPU; the process holding the shelf applies its own limits.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    /// <param name="opening">
    /// When a shelf opened here loads its embedding model: at once for a query that will need meaning, so the model
    /// loads while the shelf opens. A process holding the shelf has its model open already.
    /// </param>
    public static IShelfAccess Open(string dataDirectory, ModelOpening opening = ModelOpening.WhenFirstUsed)
    {
        var settings = SettingsLoader.Load(dataDirectory);
        var deadline = DateTime.UtcNow + StartPatience;
        while (true)
        {
            if (ShelfSocket.Connect(dataDirectory, settings.AccessToken, RequestTimeout) is { } client)
            {
                return new ServiceShelfAccess(client);
            }

            Shelf shelf;
            try
            {
                shelf = ShelfComposition.OpenForReading(dataDirectory, settings, opening: opening);
            }
            catch (ShelfInUseException) when (DateTime.UtcNow < deadline)
            {
                // Its holder may be opening it and not answering yet.
                Thread.Sleep(200);
                continue;
            }

            return new LocalShelfAccess(shelf, settings);
        }
    }
}
