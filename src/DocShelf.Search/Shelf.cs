using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Search;

/// <summary>
/// One data folder opened for use: the store, the lexical index, and the reader and writer over them.
/// Opening it for writing first reconciles the index with the store, so an interrupted run leaves no trace.
/// </summary>
public sealed class Shelf : IDisposable
{
    private readonly LexicalIndex index;

    private Shelf(string dataDirectory, bool writable)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Store = new ShelfStore(DataDirectory);
        try
        {
            index = new LexicalIndex(DataDirectory, writable);
        }
        catch
        {
            Store.Dispose();
            throw;
        }

        Searcher = new ShelfSearcher(Store, index);
        Writer = writable ? new ShelfWriter(Store, index) : null;
    }

    public string DataDirectory { get; }

    public ShelfStore Store { get; }

    public ShelfSearcher Searcher { get; }

    /// <summary>Null when the shelf was opened read-only.</summary>
    public ShelfWriter? Writer { get; }

    /// <summary>What reconciling found at open: chunks re-added to the index and stale entries dropped.</summary>
    public (int Added, int Dropped) Reconciled { get; private set; }

    public static Shelf OpenForWriting(string dataDirectory)
    {
        var shelf = new Shelf(dataDirectory, writable: true);
        try
        {
            shelf.Reconciled = shelf.Writer!.Reconcile();
            return shelf;
        }
        catch
        {
            shelf.Dispose();
            throw;
        }
    }

    public static Shelf OpenForReading(string dataDirectory) => new(dataDirectory, writable: false);

    public void Dispose()
    {
        index.Dispose();
        Store.Dispose();
    }
}
