using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Search;

/// <summary>
/// One data folder opened for use: the store, the work queue, the lexical index, and the reader and writer over
/// them. Only one process may open a shelf for writing; it then first reconciles the index with the store, so an
/// interrupted run leaves no trace. Any number of processes may open it for reading.
/// </summary>
public sealed class Shelf : IDisposable
{
    private readonly ShelfLock? writerLock;
    private readonly ShelfDatabase database;
    private readonly LexicalIndex index;

    private Shelf(string dataDirectory, ShelfLock? writerLock)
    {
        DataDirectory = dataDirectory;
        this.writerLock = writerLock;
        var writable = writerLock is not null;
        database = new ShelfDatabase(dataDirectory, readOnly: !writable);
        try
        {
            index = new LexicalIndex(dataDirectory, writable);
        }
        catch
        {
            database.Dispose();
            throw;
        }

        Store = new ShelfStore(database);
        Queue = new FileQueue(database);
        Searcher = new ShelfSearcher(Store, index);
        Writer = writable ? new ShelfWriter(Store, index) : null;
    }

    public string DataDirectory { get; }

    public ShelfStore Store { get; }

    public FileQueue Queue { get; }

    public ShelfSearcher Searcher { get; }

    /// <summary>Null when the shelf was opened for reading.</summary>
    public ShelfWriter? Writer { get; }

    /// <summary>What reconciling found at open: documents indexed afresh and stale entries dropped.</summary>
    public (int Added, int Dropped) Reconciled { get; private set; }

    public static Shelf OpenForWriting(string dataDirectory)
    {
        var folder = Directory.CreateDirectory(Path.GetFullPath(dataDirectory)).FullName;
        var writerLock = ShelfLock.Acquire(folder);
        Shelf? shelf = null;
        try
        {
            shelf = new Shelf(folder, writerLock);
            shelf.Reconciled = shelf.Writer!.Reconcile();
            return shelf;
        }
        catch
        {
            if (shelf is null)
            {
                writerLock.Dispose();
            }
            else
            {
                shelf.Dispose();
            }

            throw;
        }
    }

    /// <summary>Opens an existing shelf read-only, alongside a writer in another process if there is one.</summary>
    public static Shelf OpenForReading(string dataDirectory)
    {
        var folder = Path.GetFullPath(dataDirectory);
        if (!File.Exists(Path.Combine(folder, ShelfDatabase.FileName)))
        {
            throw new FileNotFoundException(
                $"There is no shelf in {folder} yet. Add files with `docshelf ingest PATH` or `docshelf serve --inbox DIR`.");
        }

        return new Shelf(folder, writerLock: null);
    }

    public void Dispose()
    {
        index.Dispose();
        database.Dispose();
        writerLock?.Dispose();
    }
}
