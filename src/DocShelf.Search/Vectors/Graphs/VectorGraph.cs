using System.Runtime.ExceptionServices;

namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// A graph of vectors for approximate nearest-neighbour search by cosine similarity (USearch's HNSW), the vectors
/// kept in it as signed bytes. It is built in memory and saved, or opened from a saved file memory-mapped and
/// read-only, so opening costs nothing and the system pages in only what searches touch. Any number of searches may
/// run at once; so may adds, once <see cref="Reserve"/> has made room.
/// </summary>
public sealed class VectorGraph : IDisposable
{
    /// <summary>Links per node: USearch's default, the usual balance of recall against size for a few hundred dimensions.</summary>
    private const int Connectivity = 16;

    /// <summary>Candidates weighed per add; more builds a better graph, more slowly.</summary>
    private const int ExpansionAdd = 128;

    /// <summary>Candidates weighed per search, at least; USearch weighs as many as are asked for when that is more.</summary>
    private const int ExpansionSearch = 128;

    /// <summary>Nodes a graph holds before adds run side by side; see <see cref="AddAll"/>.</summary>
    private const int AddedAloneBelow = 4096;

    /// <summary>
    /// Searches one graph runs at once. USearch keeps a working area per search and refuses one when all are taken,
    /// so room is made for this many and any more wait their turn.
    /// </summary>
    private const int SearchesAtOnce = 32;

    private readonly GraphHandle handle;
    private readonly SemaphoreSlim searching = new(SearchesAtOnce, SearchesAtOnce);

    private VectorGraph(GraphHandle handle) => this.handle = handle;

    public int Dimensions => (int)Call((h, out e) => UsearchNative.usearch_dimensions(h, out e), "read its size");

    public long Count => (long)Call((h, out e) => UsearchNative.usearch_size(h, out e), "count its vectors");

    /// <summary>An empty graph in memory for vectors of <paramref name="dimensions"/>.</summary>
    public static VectorGraph Create(int dimensions)
    {
        var options = new UsearchNative.InitOptions
        {
            MetricKind = UsearchNative.MetricCosine,
            Quantization = UsearchNative.ScalarInt8,
            Dimensions = (nuint)dimensions,
            Connectivity = Connectivity,
            ExpansionAdd = ExpansionAdd,
            ExpansionSearch = ExpansionSearch,
        };
        return new VectorGraph(Init(ref options));
    }

    /// <summary>A saved graph, mapped from <paramref name="path"/> read-only rather than read into memory.</summary>
    /// <exception cref="VectorGraphException">The file is not a whole USearch index.</exception>
    public static VectorGraph View(string path) => Open(path, (h, p, out e) => UsearchNative.usearch_view(h, p, out e), "map");

    /// <summary>A saved graph read into memory, so vectors can be added to it.</summary>
    /// <exception cref="VectorGraphException">The file is not a whole USearch index.</exception>
    public static VectorGraph Load(string path) => Open(path, (h, p, out e) => UsearchNative.usearch_load(h, p, out e), "read");

    /// <summary>Makes room for <paramref name="capacity"/> vectors in all, so adds may then run on several threads.</summary>
    public void Reserve(long capacity)
    {
        UsearchNative.usearch_reserve(handle, (nuint)capacity, out var error);
        UsearchNative.Check(error, $"make room for {capacity} vectors");
    }

    /// <summary>
    /// Adds each vector under its key, on every core: the calling thread and threads of its own, not the thread pool's.
    /// A save of half a million vectors takes minutes, and the pool's threads are for searches and requests; nor can
    /// the save then wait behind a pool that searches keep busy.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the graph holds some of the vectors.</exception>
    public void AddAll(IReadOnlyList<(ulong Key, float[] Vector)> vectors, CancellationToken cancellationToken = default)
    {
        Reserve(Count + vectors.Count);
        var dimensions = Dimensions;
        // A small graph's first nodes are added one at a time: added side by side, a few of them can end up with no
        // link leading to them, and no search ever finds those again.
        var alone = (int)Math.Clamp(AddedAloneBelow - Count, 0, vectors.Count);
        for (var i = 0; i < alone; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Add(vectors[i].Key, vectors[i].Vector, dimensions);
        }

        var next = alone - 1;
        ExceptionDispatchInfo? failure = null;
        void AddTheRest()
        {
            try
            {
                for (var i = Interlocked.Increment(ref next); i < vectors.Count && Volatile.Read(ref failure) is null; i = Interlocked.Increment(ref next))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Add(vectors[i].Key, vectors[i].Vector, dimensions);
                }
            }
            catch (Exception error)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(error), null);
            }
        }

        // USearch keeps one working area per core and refuses an add when all are taken: no more adds at once than cores.
        var helpers = Enumerable.Range(1, Math.Max(0, Math.Min(Environment.ProcessorCount, vectors.Count - alone) - 1))
            .Select(_ => new Thread(AddTheRest) { IsBackground = true, Name = "DocShelf graph adds" }).ToList();
        helpers.ForEach(thread => thread.Start());
        AddTheRest();
        helpers.ForEach(thread => thread.Join());
        failure?.Throw();
    }

    /// <summary>Up to <paramref name="count"/> keys nearest to <paramref name="query"/>, best first, with their cosine similarity.</summary>
    public unsafe List<(ulong Key, float Similarity)> Search(ReadOnlySpan<float> query, int count)
    {
        var keys = new ulong[count];
        var distances = new float[count];
        nuint found;
        IntPtr error;
        searching.Wait();
        try
        {
            fixed (float* queryAt = query)
            fixed (ulong* keysAt = keys)
            fixed (float* distancesAt = distances)
            {
                found = UsearchNative.usearch_search(handle, queryAt, UsearchNative.ScalarFloat32, (nuint)count, keysAt, distancesAt, out error);
            }
        }
        finally
        {
            searching.Release();
        }

        UsearchNative.Check(error, "search");
        var results = new List<(ulong, float)>((int)found);
        for (var i = 0; i < (int)found; i++)
        {
            results.Add((keys[i], 1 - distances[i])); // the cosine metric's distance is 1 − similarity
        }

        return results;
    }

    /// <summary>
    /// Writes the graph to <paramref name="path"/> whole or not at all: to a file beside it first, flushed to the disk,
    /// then moved over it, so a kill or a power cut leaves the old file or the new one, never half of one.
    /// </summary>
    public void SaveWhole(string path)
    {
        var partial = path + ".partial";
        UsearchNative.usearch_save(handle, partial, out var error);
        UsearchNative.Check(error, $"be saved to {partial}");
        using (var written = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
        {
            written.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
    }

    public void Dispose()
    {
        handle.Dispose();
        searching.Dispose();
    }

    private unsafe void Add(ulong key, float[] vector, int dimensions)
    {
        // USearch scales each vector to unit length itself for the cosine metric before keeping it as bytes.
        if (vector.Length != dimensions)
        {
            throw new ArgumentException($"A vector of {vector.Length} dimensions cannot join a graph of {dimensions}.", nameof(vector));
        }

        IntPtr error;
        fixed (float* vectorAt = vector)
        {
            UsearchNative.usearch_add(handle, key, vectorAt, UsearchNative.ScalarFloat32, out error);
        }

        UsearchNative.Check(error, $"add vector {key}");
    }

    private static GraphHandle Init(ref UsearchNative.InitOptions options)
    {
        var made = UsearchNative.usearch_init(ref options, out var error);
        UsearchNative.Check(error, "be made");
        AllowSearchesAtOnce(made);
        return made;
    }

    private static VectorGraph Open(string path, OpenCall open, string verb)
    {
        var options = default(UsearchNative.InitOptions);
        var made = Init(ref options);
        try
        {
            open(made, path, out var error);
            UsearchNative.Check(error, $"{verb} {path}");
            UsearchNative.usearch_change_expansion_search(made, ExpansionSearch, out error);
            UsearchNative.Check(error, "widen its searches");
            AllowSearchesAtOnce(made); // opening sets USearch's own limits again
            return new VectorGraph(made);
        }
        catch
        {
            made.Dispose();
            throw;
        }
    }

    private static void AllowSearchesAtOnce(GraphHandle made)
    {
        UsearchNative.usearch_change_threads_search(made, SearchesAtOnce, out var error);
        UsearchNative.Check(error, "make room for searches at once");
    }

    private nuint Call(QueryCall call, string doing)
    {
        var value = call(handle, out var error);
        UsearchNative.Check(error, doing);
        return value;
    }

    private delegate nuint QueryCall(GraphHandle handle, out IntPtr error);

    private delegate void OpenCall(GraphHandle handle, string path, out IntPtr error);
}
