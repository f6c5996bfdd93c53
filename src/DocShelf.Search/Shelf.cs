using DocShelf.Search.Lexical;
using DocShelf.Search.Semantic;
using DocShelf.Search.Sentences;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;

namespace DocShelf.Search;

/// <summary>
/// One data folder opened for use: the store, the work queue, the lexical index, and the reader and writer over
/// them. One process at a time may open a shelf (see <see cref="ShelfLock"/>); opened for writing, it first
/// reconciles the index with the store and sweeps away work folders, so an interrupted run leaves no trace.
/// </summary>
public sealed class Shelf : IDisposable
{
    private readonly ShelfLock shelfLock;
    private readonly ShelfDatabase database;
    private readonly LexicalIndex index;
    private bool disposed;

    private Shelf(string dataDirectory, ShelfLock shelfLock, bool writable, SearchSetup search)
    {
        DataDirectory = dataDirectory;
        this.shelfLock = shelfLock;

        // A reader's lexical index opens its searcher on another thread while the store opens, each about a third of
        // a cold command's start. A writer opens it after the store, which refuses a newer DocShelf's shelf first.
        var lexical = writable ? null : Task.Run(() => LexicalIndex.OpenForSearching(dataDirectory));
        try
        {
            database = new ShelfDatabase(dataDirectory, readOnly: !writable);
        }
        catch
        {
            lexical?.ContinueWith(opened => opened.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
            throw;
        }

        SemanticIndex? semantic = null;
        try
        {
            index = lexical?.GetAwaiter().GetResult() ?? new LexicalIndex(dataDirectory, writable);
            Store = new ShelfStore(database);
            Queue = new FileQueue(database);
            PageSources = new PageSourceFolder(dataDirectory);
            PageImages = new PageImageFolder(dataDirectory);
            Writer = writable ? new ShelfWriter(database, Store, index, PageSources, PageImages) : null;
            semantic = search.Semantic?.Invoke(this);
            Searcher = new ShelfSearcher(Store, index, semantic, search.Fusion);
        }
        catch
        {
            Close(semantic);
            index?.Dispose();
            database.Dispose();
            throw;
        }
    }

    public string DataDirectory { get; }

    /// <summary>Where files are read and pages drawn, each in a work folder of its own (<see cref="ScratchFolder"/>).</summary>
    public string ScratchDirectory => Path.Combine(DataDirectory, ScratchFolder.Name);

    public ShelfStore Store { get; }

    public FileQueue Queue { get; }

    /// <summary>The file each document's pages are drawn from; the writer removes it with its document.</summary>
    public PageSourceFolder PageSources { get; }

    /// <summary>The images the viewer shows pages with, a bounded cache; the writer removes them with their document.</summary>
    public PageImageFolder PageImages { get; }

    /// <summary>Searches as the <see cref="SearchSetup"/> the shelf was opened with says.</summary>
    public ShelfSearcher Searcher { get; }

    /// <summary>The lexical index, for a searcher made with another embedding model than the shelf's own.</summary>
    public LexicalIndex Lexical => index;

    /// <summary>Null when the shelf was opened for reading.</summary>
    public ShelfWriter? Writer { get; }

    /// <summary>What reconciling found at open: whether index and store were compared, documents indexed afresh and stale entries dropped.</summary>
    public (bool Compared, int Added, int Dropped) Reconciled { get; private set; }

    /// <summary>The layout the store is written in (<see cref="ShelfDatabase.SchemaVersion"/> once migrated).</summary>
    public int Schema => database.Schema;

    public ShelfOverview Overview() => ShelfOverview.Of(Store, Queue);

    /// <summary>
    /// How chunk vectors are kept: at half precision, which rounds a similarity by about a ten-thousandth and finds the
    /// same ten nearest as full precision (docs/benchmarks.md (g)).
    /// </summary>
    public const VectorEncoding ChunkEncoding = VectorEncoding.Half;

    /// <summary>The vectors made by <paramref name="model"/>; created on first write.</summary>
    public LiteDbVectorCollection Vectors(string model, int dimensions, VectorEncoding encoding = ChunkEncoding) =>
        new(database, model, dimensions, encoding);

    /// <summary>
    /// How sentence vectors are kept: at 8 bits, a quarter of full precision. There are about five a chunk, so they
    /// are most of a shelf's vectors; a sentence only lifts its chunk's score, and the 8-bit rounding moves a
    /// similarity by about a thousandth (docs/benchmarks.md gives recall both ways).
    /// </summary>
    public const VectorEncoding SentenceEncoding = VectorEncoding.Bytes;

    /// <summary>The vectors <paramref name="model"/> made of each chunk's sentences; created on first write.</summary>
    public SentenceVectors SentenceVectors(string model, int dimensions, VectorEncoding encoding = SentenceEncoding) =>
        new(database, model, dimensions, encoding);

    /// <summary>Every vector collection on the shelf, and the model and size of each.</summary>
    public IReadOnlyList<VectorCollectionInfo> VectorCollections() => [.. database.VectorCollections.FindAll()];

    /// <summary>Every model's sentence file on the shelf, and how many sentence vectors each holds.</summary>
    public IReadOnlyList<SentenceFileInfo> SentenceFiles() => [.. database.SentenceFiles.FindAll()];

    /// <param name="patience">How long to wait for another process to let go of the shelf.</param>
    /// <param name="search">How its searcher is made; words only when null.</param>
    public static Shelf OpenForWriting(string dataDirectory, TimeSpan patience = default, SearchSetup? search = null)
    {
        var folder = OwnerOnly.Folder(Path.GetFullPath(dataDirectory));
        var writerLock = ShelfLock.Acquire(folder, patience);
        Shelf? shelf = null;
        try
        {
            shelf = new Shelf(folder, writerLock, writable: true, search ?? SearchSetup.WordsOnly);
            shelf.Reconciled = shelf.Writer!.Reconcile();
            ScratchFolder.Sweep(shelf.ScratchDirectory); // only a writer makes work folders, and this one holds the lock

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

    /// <summary>Opens an existing shelf read-only.</summary>
    /// <param name="search">How its searcher is made; words only when null.</param>
    public static Shelf OpenForReading(string dataDirectory, TimeSpan patience = default, SearchSetup? search = null)
    {
        var folder = Path.GetFullPath(dataDirectory);
        if (!File.Exists(Path.Combine(folder, ShelfDatabase.FileName)))
        {
            throw new FileNotFoundException(
                $"There is no shelf in {folder} yet. Add files with `docshelf ingest PATH` or `docshelf serve --inbox DIR`.");
        }

        var readerLock = ShelfLock.Acquire(folder, patience);
        try
        {
            return new Shelf(folder, readerLock, writable: false, search ?? SearchSetup.WordsOnly);
        }
        catch
        {
            readerLock.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Close(Searcher.Semantic);
        try
        {
            // Lucene commits on closing anyway; committing through the writer names the store's stamp, so the next
            // opening trusts the index without comparing it document by document.
            Writer?.Commit();
        }
        finally
        {
            index.Dispose();
            database.Dispose();
            shelfLock.Dispose();
        }
    }

    private static void Close(SemanticIndex? semantic)
    {
        if (semantic is not null)
        {
            semantic.Generator.Dispose();
            semantic.Dispose();
        }
    }
}
