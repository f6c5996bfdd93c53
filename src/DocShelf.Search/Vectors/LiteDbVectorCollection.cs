using System.Runtime.CompilerServices;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors.Graphs;
using LiteDB;
using Microsoft.Extensions.VectorData;

namespace DocShelf.Search.Vectors;

/// <summary>
/// Chunk vectors in the shelf's LiteDB file, behind Microsoft.Extensions.VectorData's collection abstraction so
/// another store can take its place. The store keeps every vector (full, half or 8-bit precision) and is the truth;
/// searches go through graphs saved beside it (<see cref="GraphSet"/>), opened memory-mapped, and re-score the
/// graphs' best candidates exactly from the store. Vectors stored since the last save are held exactly in memory
/// until <see cref="SaveAt"/> of them are saved into the graphs by the writer. Stored vectors no graph holds when the
/// collection opens (graphs lost, or never made on an upgraded shelf) are read from the store by each search instead
/// of being held, and the writer makes their graphs a block of keys at a time, so memory stays bounded however many
/// there are. The writer also merges sealed graphs of like size in the background (<see cref="GraphSet.MergeOnce"/>),
/// so a large collection is searched through a few large graphs rather than many small ones, and makes again any graph
/// saved before graphs kept copies of a vector apart (<see cref="GraphSet.RemakeOnce"/>). The collection is named
/// after the model that made it. (Sentence vectors are kept apart, in <see cref="Sentences.SentenceVectors"/>.)
/// </summary>
public sealed partial class LiteDbVectorCollection : VectorStoreCollection<string, ChunkVector>
{
    /// <summary>Vectors held in memory, searched exactly, before the writer saves them into the graphs (at least; see <see cref="UpsertAsync(IEnumerable{ChunkVector}, CancellationToken)"/>).</summary>
    public const int SaveAt = 8192;

    /// <summary>Keys read from the store at a time when graphs are made for vectors no graph holds.</summary>
    public const int BuildBlock = GraphSet.SealAt / 4;

    /// <summary>Candidates asked of the graphs at most, for each graph there is; past it a filtered search reads the store whole.</summary>
    private const int MostCandidatesPerGraph = 4096;

    private readonly ShelfDatabase database;
    /// <summary>The encoding asked for, which a collection made here is stored in.</summary>
    private readonly VectorEncoding requestedEncoding;
    /// <summary>The stored encoding once read, as an int so searches on many threads read it whole; -1 before.</summary>
    private int knownEncoding = -1;
    private readonly int dimensions;
    private readonly int saveAt;
    private readonly int buildBlock;
    private readonly int sealAt;
    private readonly int mergeUpTo;
    private readonly Lock gate = new();
    /// <summary>Held to start or stop the writer's merges; apart from <see cref="gate"/>, which searches take.</summary>
    private readonly Lock mergeGate = new();
    private readonly SemaphoreSlim saving = new(1, 1);
    private readonly CancellationTokenSource closing = new();
    private Unsaved? unsaved;
    private GraphSet? graphs;
    private VectorRows? rows;
    /// <summary>Keys of vectors deleted or stored again: replaced whole on each change, so searches read it without a lock.</summary>
    private HashSet<long> gone = [];
    /// <summary>
    /// Key ranges no graph covers and nothing holds in memory: searched
    /// in the store until the writer's next save covers them.
    /// </summary>
    private List<KeyRange> pending = [];
    private long pendingVectors;
    private Task? openingSave;
    /// <summary>Merges of sealed graphs, run by the writer in the background; see <see cref="GraphSet.MergeOnce"/>.</summary>
    private Task merging = Task.CompletedTask;
    private CancellationTokenSource? stopMerging;

    /// <param name="saveAt">Vectors held in memory before the writer saves them into the graphs.</param>
    /// <param name="buildBlock">Keys read from the store at a time when the writer makes graphs for stored vectors no graph holds.</param>
    /// <param name="sealAt">Keys a graph covers before the next one starts.</param>
    /// <param name="mergeUpTo">Keys a graph made by merging sealed ones covers at most.</param>
    public LiteDbVectorCollection(
        ShelfDatabase database,
        string name,
        int dimensions,
        VectorEncoding encoding = VectorEncoding.Full,
        int saveAt = SaveAt,
        int buildBlock = BuildBlock,
        int sealAt = GraphSet.SealAt,
        int mergeUpTo = GraphSet.MergeUpTo)
    {
        this.database = database;
        Name = name;
        this.dimensions = dimensions;
        requestedEncoding = encoding;
        this.saveAt = saveAt;
        this.buildBlock = buildBlock;
        this.sealAt = sealAt;
        this.mergeUpTo = mergeUpTo;
    }

    public override string Name { get; }

    /// <summary>How many values each vector holds: the model's width.</summary>
    public int Dimensions => dimensions;

    /// <summary>Vectors in the collection, read from its record in the store: nothing is loaded to count them.</summary>
    public long Count => Info() switch
    {
        null => 0,
        { LastKey: 0 } => Stored.LongCount(), // numbered from store schema 3 on; counted by hand before it
        var info => info.Count,
    };

    /// <summary>The graphs searched, for the checks and benchmarks that compare them with exact search.</summary>
    public IReadOnlyList<GraphSegment> Graphs => Opened().Graphs.Segments;

    /// <summary>Stored vectors no saved graph holds yet, searched exactly: those held in memory and those read from the store.</summary>
    public long UnsavedCount
    {
        get
        {
            lock (gate)
            {
                return Opened().Unsaved.Count + pendingVectors;
            }
        }
    }

    private ILiteCollection<StoredVector> Stored => database.Vectors(Name);

    /// <summary>
    /// What the vectors are stored in: the collection's own encoding once it exists, read on first use, so a shelf
    /// written in another (one an older DocShelf wrote, read before the upgrade re-encodes it) reads right; the
    /// encoding asked for until then.
    /// </summary>
    private VectorEncoding StoredEncoding
    {
        get
        {
            var known = Volatile.Read(ref knownEncoding);
            if (known < 0)
            {
                known = (int)(Info()?.Encoding ?? requestedEncoding);
                Volatile.Write(ref knownEncoding, known);
            }

            return (VectorEncoding)known;
        }
    }

    private string GraphFolderPath => database.GraphFolder(Name);

    private ILiteCollection<DocumentTally> Tallies => database.VectorTallies(Name);

    /// <summary>How many vectors the collection holds for each document that has any, read without reading a vector.</summary>
    public Dictionary<string, int> Tally() => Tallies.FindAll().ToDictionary(t => t.Id, t => t.Vectors, StringComparer.Ordinal);

    /// <summary>The chunk id of every vector a document has in the collection.</summary>
    public List<string> KeysOf(string documentId) => [.. Stored.Query().Where(v => v.DocumentId == documentId).Select(v => v.Id).ToEnumerable()];

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Info() is not null);

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        var info = Info();
        if (info is null)
        {
            database.VectorCollections.Insert(new VectorCollectionInfo { Id = Name, Dimensions = dimensions, Encoding = requestedEncoding, CreatedUtc = DateTime.UtcNow });
            Stored.EnsureIndex(v => v.Key, unique: true);
            Stored.EnsureIndex(v => v.DocumentId);
        }
        else if (info.Dimensions != dimensions)
        {
            throw new InvalidOperationException($"The vector collection {Name} holds {info.Dimensions}-dimension vectors, not {dimensions}.");
        }

        return Task.CompletedTask;
    }

    public override async Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        await saving.WaitAsync(cancellationToken);
        try
        {
            StopMerges();
            lock (gate)
            {
                // LiteDB drops a collection in a transaction of its own, so the record goes first: once it has, the
                // collection is gone, and a kill before the drops leaves only records nothing reads.
                database.VectorCollections.Delete(Name);
                database.DropVectors(Name);
                graphs?.Dispose();
                rows?.Dispose();
                (graphs, rows, unsaved, pending, pendingVectors, gone) = (null, null, null, [], 0, []);
                Volatile.Write(ref knownEncoding, -1); // made again in the encoding asked for
                if (Directory.Exists(GraphFolderPath))
                {
                    Directory.Delete(GraphFolderPath, recursive: true);
                }
            }
        }
        finally
        {
            saving.Release();
        }
    }

    public override Task<ChunkVector?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Stored.FindById(key) is { } stored ? ToRecord(stored, options?.IncludeVectors == true) : null);

    public override async IAsyncEnumerable<ChunkVector> GetAsync(
        System.Linq.Expressions.Expression<Func<ChunkVector, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<ChunkVector>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var accept = filter.Compile();
        var includeVectors = options?.IncludeVectors == true;
        foreach (var record in Stored.FindAll().Select(s => ToRecord(s, includeVectors)).Where(accept).Skip(options?.Skip ?? 0).Take(top))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask;
    }

    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        Forget([.. keys]);
        return Task.CompletedTask;
    }

    /// <summary>Removes every vector of a document's chunks, as when the document leaves the shelf.</summary>
    public int DeleteDocument(string documentId) => Forget(KeysOf(documentId));

    public override Task UpsertAsync(ChunkVector record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    public override async Task UpsertAsync(IEnumerable<ChunkVector> records, CancellationToken cancellationToken = default)
    {
        await EnsureCollectionExistsAsync(cancellationToken);
        // A chunk named twice in one call is stored once, with its last vector.
        var list = records.Reverse().DistinctBy(r => r.ChunkId, StringComparer.Ordinal).Reverse().ToList();
        foreach (var record in list.Where(r => r.Vector.Length != dimensions))
        {
            throw new ArgumentException($"Chunk {record.ChunkId} has a vector of {record.Vector.Length} dimensions; this collection holds {dimensions}.", nameof(records));
        }

        int held;
        long growing;
        lock (gate)
        {
            // Opened before the keys are handed out, so the new vectors are held rather than counted among the stored ones no graph holds.
            var (memory, set) = Opened();
            var stored = database.InTransaction(() =>
            {
                var info = Info()!;
                var numbered = list.Select((r, i) => new StoredVector
                {
                    Id = r.ChunkId,
                    Key = info.LastKey + 1 + i,
                    DocumentId = r.DocumentId,
                    Page = r.Page,
                    Data = VectorCodec.Encode(r.Vector.Span, StoredEncoding),
                }).ToList();
                // New chunks are inserted in bulk, and a chunk stored again replaces its vector, the old one's key gone.
                // A document with no vectors yet (the usual case: one just read) has none to look up.
                var holding = numbered.Select(v => v.DocumentId).Distinct(StringComparer.Ordinal).Where(d => Tallies.FindById(d) is not null).ToHashSet(StringComparer.Ordinal);
                var before = numbered.Select(v => holding.Contains(v.DocumentId) ? Stored.FindById(v.Id) : null).ToList();
                var added = numbered.Where((_, i) => before[i] is null).ToList();
                Stored.InsertBulk(added);
                numbered.Where((_, i) => before[i] is not null).ToList().ForEach(v => Stored.Update(v));
                var goneKeys = Gone(before.OfType<StoredVector>());
                added.CountBy(v => v.DocumentId).ToList().ForEach(d => DocumentTally.Change(Tallies, d.Key, d.Value));
                database.VectorCollections.Update(info with { LastKey = info.LastKey + list.Count, Count = info.Count + added.Count });
                return (numbered, goneKeys);
            });
            Volatile.Write(ref gone, [.. gone, .. stored.goneKeys]);
            foreach (var vector in stored.numbered)
            {
                // What is searched is what was stored, so an 8-bit collection searches 8-bit vectors.
                memory.Hold(vector, Decode(vector.Data));
            }

            held = memory.Count;
            growing = set.GrowingSpan;
        }

        // A save rewrites the growing graph whole, so it waits for a quarter of that graph's size: each graph is then
        // written a bounded number of times as it grows, however many small batches arrive.
        if (held >= Math.Max(saveAt, growing / 4) && !database.IsReadOnly)
        {
            await SaveGraphsAsync(cancellationToken);
        }
    }

    public override async IAsyncEnumerable<VectorSearchResult<ChunkVector>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<ChunkVector>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = searchValue switch
        {
            ReadOnlyMemory<float> memory => memory,
            float[] array => array,
            _ => throw new NotSupportedException($"Search with a vector of float (ReadOnlyMemory<float> or float[]), not {typeof(TInput).Name}; embed text first."),
        };
        var skip = options?.Skip ?? 0;
        var filter = options?.Filter?.Compile() is { } accept ? new VectorFilter(accept) : null;
        foreach (var (record, score) in Nearest(query.Span, top + skip, filter, cancellationToken).Skip(skip))
        {
            if (options?.ScoreThreshold is { } threshold && score < threshold)
            {
                yield break;
            }

            yield return new VectorSearchResult<ChunkVector>(record, score);
        }

        await Task.CompletedTask;
    }

    /// <summary>
    /// The <paramref name="top"/> vectors most similar to <paramref name="query"/> that <paramref name="filter"/>
    /// lets through, best first, with their exact cosine similarity. Within one document, that document's vectors
    /// are read and scored exactly. Otherwise the graphs are asked for more candidates until enough pass the filter;
    /// a filter that almost nothing passes reads the store whole instead.
    /// </summary>
    public List<(ChunkVector Record, float Score)> Nearest(ReadOnlySpan<float> query, int top, VectorFilter? filter, CancellationToken cancellationToken = default)
    {
        if (query.Length != dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; the collection holds vectors of {dimensions}.", nameof(query));
        }

        if (top <= 0)
        {
            return [];
        }

        var accept = filter?.Accept;
        if (filter?.Document is { } document)
        {
            return ExactAmong(Stored.Find(v => v.DocumentId == document), query, top, accept, cancellationToken);
        }

        var (memory, set) = Opened();
        List<(ChunkVector Record, float Score)> found;
        List<KeyRange> unbuilt;
        lock (gate)
        {
            // Read before the graphs: a range leaves these only once its graph is in the set.
            found = memory.Nearest(query, top, accept);
            unbuilt = pending;
        }

        if (unbuilt.Count > 0)
        {
            found.AddRange(ExactAmong(unbuilt.SelectMany(InRange), query, top, accept, cancellationToken));
        }

        // A few more than asked are re-scored, since the graphs' 8-bit similarities can swap close neighbours.
        var wanted = top + Math.Max(10, top / 2);
        for (var asked = wanted; ; asked *= 4)
        {
            if (asked > MostCandidatesPerGraph * Math.Max(1, set.Segments.Count))
            {
                return ExactAmong(Stored.FindAll(), query, top, accept, cancellationToken);
            }

            var (candidates, more) = set.Nearest(query, asked);
            var scored = Rescore(candidates, query, accept, wanted, cancellationToken);
            if (scored.Count >= wanted || !more)
            {
                found.AddRange(scored);
                break;
            }
        }

        return [.. found
            .GroupBy(f => f.Record.ChunkId, StringComparer.Ordinal).Select(g => g.MaxBy(f => f.Score))
            .OrderByDescending(f => f.Score).ThenBy(f => f.Record.ChunkId, StringComparer.Ordinal)
            .Take(top)];
    }

    /// <summary>Saves the vectors held in memory into the graphs; only the writer does, one save at a time.</summary>
    public async Task SaveGraphsAsync(CancellationToken cancellationToken = default)
    {
        if (database.IsReadOnly)
        {
            throw new InvalidOperationException("A shelf opened for reading saves no graphs.");
        }

        await saving.WaitAsync(cancellationToken);
        try
        {
            SaveHeld(cancellationToken);
        }
        finally
        {
            saving.Release();
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(VectorStoreCollectionMetadata)
            ? new VectorStoreCollectionMetadata { VectorStoreSystemName = "docshelf.litedb", CollectionName = Name }
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            closing.Cancel();
            try
            {
                openingSave?.Wait();
            }
            catch (AggregateException)
            {
                // Stopped or failed: the vectors stay in the store, and the next writer saves them.
            }

            StopMerges();
            stopMerging?.Dispose();
            graphs?.Dispose();
            rows?.Dispose();
            closing.Dispose();
            saving.Dispose();
        }

        base.Dispose(disposing);
    }

    private VectorCollectionInfo? Info() => database.VectorCollections.FindById(Name);

    private int Forget(IReadOnlyList<string> keys)
    {
        lock (gate)
        {
            var removed = database.InTransaction(() =>
            {
                var deleted = keys.Select(k => Stored.FindById(k)).OfType<StoredVector>().Where(v => Stored.Delete(v.Id)).ToList();
                deleted.CountBy(v => v.DocumentId).ToList().ForEach(d => DocumentTally.Change(Tallies, d.Key, -d.Value));
                if (deleted.Count > 0 && Info() is { } info)
                {
                    database.VectorCollections.Update(info with { Count = Math.Max(0, info.Count - deleted.Count) });
                }

                return (deleted.Count, Keys: Gone(deleted));
            });
            Volatile.Write(ref gone, [.. gone, .. removed.Keys]);
            if (unsaved is not null)
            {
                keys.ToList().ForEach(unsaved.Forget);
            }

            return removed.Count;
        }
    }

    /// <summary>Records the keys of <paramref name="vectors"/> as gone, inside the caller's transaction, and returns them.</summary>
    private List<long> Gone(IEnumerable<StoredVector> vectors)
    {
        var keys = vectors.Select(v => v.Key).Where(k => k > 0).ToList();
        database.VectorsGone(Name).Upsert(keys.Select(k => new GoneVector { Id = k }));
        return keys;
    }

    /// <summary>The graphs and the vectors held beside them, opened on first use.</summary>
    private (Unsaved Unsaved, GraphSet Graphs) Opened()
    {
        lock (gate)
        {
            if (unsaved is null || graphs is null)
            {
                rows = VectorRows.Open(GraphFolderPath, VectorCodec.ByteCount(dimensions, StoredEncoding), writable: !database.IsReadOnly);
                gone = [.. database.VectorsGone(Name).Query().Select(g => g.Id).ToEnumerable()];
                // A graph is searched only where the rows can re-score what it finds.
                var segments = GraphFolder.Open(GraphFolderPath, tidy: !database.IsReadOnly, rowsUpTo: rows?.LastKey ?? 0);
                graphs = new GraphSet(GraphFolderPath, dimensions, segments, RowBlocks, sealAt, mergeUpTo);
                pending = Uncovered(segments, graphs.LastCoveredKey, Info()?.LastKey ?? 0);
                pendingVectors = pending.Sum(range => (long)Stored.Count(range.Query));
                unsaved = new Unsaved(dimensions);
                if (database.Schema < 3)
                {
                    // Vectors stored before store schema 3 have no number, so no graph; a reader of such a store holds them.
                    foreach (var stored in Stored.Find(StoredVector.NotNumbered))
                    {
                        unsaved.Hold(stored, Decode(stored.Data));
                    }
                }

                var behind = pendingVectors >= saveAt || segments.Any(s => s.Copies is null);
                if (behind && !database.IsReadOnly)
                {
                    // Graphs missing, damaged or never made (an upgraded shelf): the writer makes them while searches read the
                    // store. Fewer than a save's worth wait for the next save, as vectors stored since it do. A graph that
                    // grows, saved before copies were kept apart, is made again by this save.
                    openingSave = Task.Run(() => SaveGraphsAsync(closing.Token));
                }

                StartMerges(graphs); // an upgraded shelf's graphs are merged and made again as it opens
            }

            return (unsaved, graphs);
        }
    }

    /// <summary>Opens the rows and graphs searches read, as the first search would, for a caller with time to spare before it.</summary>
    public void Open() => Opened();

    /// <summary>The key ranges up to <paramref name="lastKey"/> no graph covers: holes below the last graph's range, and the keys past it.</summary>
    private static List<KeyRange> Uncovered(List<GraphSegment> segments, long lastCovered, long lastKey) =>
        [.. GraphFolder.Gaps(segments, lastCovered).Select(gap => new KeyRange(gap.First, gap.Last, IsHole: true)),
         .. Past(lastCovered, lastKey)];

    /// <summary>The keys past <paramref name="covered"/> up to <paramref name="lastKey"/>, if any.</summary>
    private static List<KeyRange> Past(long covered, long lastKey) =>
        lastKey > covered ? [new KeyRange(covered + 1, lastKey, IsHole: false)] : [];

    private IEnumerable<StoredVector> InRange(KeyRange range) => Stored.Find(range.Query);

    private void SaveHeld(CancellationToken cancellationToken)
    {
        var (memory, set) = Opened();
        List<(long Key, float[] Vector)> held;
        List<KeyRange> unbuilt;
        lock (gate)
        {
            held = memory.Numbered();
            unbuilt = pending;
        }

        // The rows first, from the store's own bytes: a graph is only searched where rows cover it, so a kill between
        // the two loses nothing. One save at a time appends; keys handed out since the copy above lie past it.
        var lastKey = Math.Max(held.Count > 0 ? held[^1].Key : 0, unbuilt.Count > 0 ? unbuilt[^1].Last : 0);
        if (lastKey > rows!.LastKey)
        {
            var stored = Stored.Find(LiteDB.Query.Between(nameof(StoredVector.Key), rows.LastKey + 1, lastKey));
            rows.Append(stored.Select(v => (v.Key, ToRecord(v, includeVector: false), v.Data)), lastKey);
        }

        unbuilt.ForEach(range => Build(set, range, cancellationToken));
        var past = held.Where(h => h.Key > set.LastCoveredKey).ToList();
        if (past.Count > 0)
        {
            set.Add(past, null, cancellationToken);
        }

        set.RemakeGrowing(cancellationToken);

        lock (gate)
        {
            memory.Saved(held.Select(h => h.Key));
        }

        StartMerges(set);
    }

    /// <summary>
    /// Starts merging sealed graphs in the background when the writer is not merging already. Merges never hold up a
    /// save: they replace only sealed graphs, which saves leave alone. One that fails leaves the graphs as they were
    /// (they are only an index of the store), and the next save tries again.
    /// </summary>
    private void StartMerges(GraphSet set)
    {
        lock (mergeGate)
        {
            if (database.IsReadOnly || !merging.IsCompleted || closing.IsCancellationRequested)
            {
                return;
            }

            stopMerging?.Dispose();
            stopMerging = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
            var token = stopMerging.Token;
            merging = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        while (set.MergeOnce(token) || set.RemakeOnce(token))
                        {
                        }
                    }
                    catch (Exception failure) when (failure is OperationCanceledException or IOException or VectorGraphException)
                    {
                        // Stopped, or the disk refused the new graph: the graphs it replaces stay, searched as before.
                    }
                },
                token,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Waits until the writer has saved what it found unsaved on opening, merged every sealed graph it
    /// can and made every earlier one again; at once for a reader.
    /// </summary>
    public async Task MergesDoneAsync()
    {
        await (openingSave ?? Task.CompletedTask);
        Task running;
        do
        {
            lock (mergeGate)
            {
                running = merging;
            }

            await running;
        }
        while (running != Volatile.Read(ref merging));
    }

    /// <summary>Stops the writer's merging and waits for it; the graphs stay as the last whole merge left them.</summary>
    private void StopMerges()
    {
        Task running;
        lock (mergeGate)
        {
            stopMerging?.Cancel();
            running = merging;
        }

        try
        {
            running.Wait();
        }
        catch (AggregateException)
        {
            // A merge that failed left the graphs as they were.
        }
    }

    /// <summary>
    /// The vectors of the keys <paramref name="first"/> to <paramref name="last"/> that are still stored, a block of keys
    /// at a time, read from the rows as a search re-scores them: what a graph grown, merged or made again holds.
    /// </summary>
    private IEnumerable<IReadOnlyList<(long Key, float[] Vector)>> RowBlocks(long first, long last)
    {
        var bytes = new byte[VectorCodec.ByteCount(dimensions, StoredEncoding)];
        for (var start = first; start <= last; start += buildBlock)
        {
            var goneNow = Volatile.Read(ref gone);
            var block = new List<(long Key, float[] Vector)>();
            for (var key = start; key <= Math.Min(last, start + buildBlock - 1); key++)
            {
                if (!goneNow.Contains(key) && ReadSaved(rows, key, bytes) is var (_, saved))
                {
                    block.Add((key, Decode(saved)));
                }
            }

            yield return block;
        }
    }

    /// <summary>
    /// A saved vector's citation and stored bytes, read from its row (into <paramref name="rowBytes"/>), or from the
    /// store when its ids were too long for a row; null when no vector was saved under <paramref name="key"/>.
    /// </summary>
    private (ChunkVector Citation, byte[] Bytes)? ReadSaved(VectorRows? rowsNow, long key, byte[] rowBytes)
    {
        ChunkVector? citation = null;
        var state = rowsNow?.TryRead(key, rowBytes, out citation) ?? RowState.Missing;
        return state switch
        {
            RowState.Present => (citation!, rowBytes),
            RowState.InStore when Stored.FindOne(LiteDB.Query.EQ(nameof(StoredVector.Key), key)) is { } stored =>
                (ToRecord(stored, includeVector: false), stored.Data),
            _ => null,
        };
    }

    /// <summary>
    /// Makes the graphs of a range no graph covers, reading the store a block of keys at a time, and hands each block
    /// from the store's searches to the graphs' as soon as its graph is saved.
    /// </summary>
    private void Build(GraphSet set, KeyRange range, CancellationToken cancellationToken)
    {
        for (var first = range.First; first <= range.Last; first += buildBlock)
        {
            var block = range with { First = first, Last = Math.Min(range.Last, first + buildBlock - 1) };
            var vectors = InRange(block).Select(v => (v.Key, Decode(v.Data))).ToList();
            if (vectors.Count > 0)
            {
                set.Add(vectors, block.IsHole ? (block.First, block.Last) : null, cancellationToken);
            }

            lock (gate)
            {
                var rest = block.Last < range.Last ? [range with { First = block.Last + 1 }] : Array.Empty<KeyRange>();
                pending = [.. pending.SelectMany(p => p.First == first ? rest : [p])];
                // Counted when the collection opened; vectors deleted since are not in the blocks read.
                pendingVectors = pending.Count == 0 ? 0 : Math.Max(0, pendingVectors - vectors.Count);
            }
        }
    }

    /// <summary>
    /// The candidates the store still holds and <paramref name="accept"/> lets through, best first, until
    /// <paramref name="wanted"/>, scored exactly. Each node is first scored from its first vector still stored, which
    /// stands for its copies (they share its print); the nodes are then taken by that score, and their vectors read
    /// in key order. Copies of one vector tie, and those stored first are the ones taken.
    /// </summary>
    private List<(ChunkVector Record, float Score)> Rescore(
        List<GraphHit> candidates, ReadOnlySpan<float> query, Func<ChunkVector, bool>? accept, int wanted, CancellationToken cancellationToken)
    {
        var (rowsNow, goneNow) = (rows, Volatile.Read(ref gone));
        var rowBytes = new byte[VectorCodec.ByteCount(dimensions, StoredEncoding)];
        var vector = new float[dimensions];
        var nodes = new List<(long[] Keys, int First, ChunkVector Citation, float Score)>();
        foreach (var hit in candidates.DistinctBy(c => c.Key))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keys = hit.Keys.ToArray();
            for (var i = 0; i < keys.Length; i++)
            {
                // A key deleted or stored again since its graph was saved is skipped; its node still stands for its copies.
                if (ScoreSaved(rowsNow, goneNow, keys[i], query, rowBytes, vector) is var (citation, score))
                {
                    nodes.Add((keys, i, citation, score));
                    break;
                }
            }
        }

        var scored = new List<(ChunkVector, float)>();
        foreach (var (keys, first, firstCitation, firstScore) in nodes.OrderByDescending(n => n.Score))
        {
            for (var i = first; i < keys.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if ((i == first ? (firstCitation, firstScore) : ScoreSaved(rowsNow, goneNow, keys[i], query, rowBytes, vector)) is var (citation, score) &&
                    (accept is null || accept(citation)))
                {
                    scored.Add((citation, score));
                    if (scored.Count >= wanted)
                    {
                        return scored;
                    }
                }
            }
        }

        return scored;
    }

    /// <summary>A saved vector's citation and exact score, or null when <paramref name="key"/> is gone or was never saved.</summary>
    private (ChunkVector Citation, float Score)? ScoreSaved(
        VectorRows? rowsNow, HashSet<long> goneNow, long key, ReadOnlySpan<float> query, byte[] rowBytes, float[] vector)
    {
        if (goneNow.Contains(key) || ReadSaved(rowsNow, key, rowBytes) is not var (citation, bytes))
        {
            return null;
        }

        VectorCodec.Decode(bytes, StoredEncoding, vector);
        return (citation, Similarity.Cosine(query, vector));
    }

    /// <summary>Exact search over the vectors given: one document's, or every one for a filter that lets too few of the graphs' candidates through.</summary>
    private List<(ChunkVector Record, float Score)> ExactAmong(
        IEnumerable<StoredVector> vectors, ReadOnlySpan<float> query, int top, Func<ChunkVector, bool>? accept, CancellationToken cancellationToken)
    {
        // The worst of the best at the head, ties settled as results are ordered (a lower chunk id first), so equal scores
        // give the same results whichever way they were found.
        var best = new PriorityQueue<(ChunkVector, float), (float Score, string ChunkId)>(top + 1, Similarity.WorstFirst);
        var vector = new float[dimensions];
        foreach (var stored in vectors)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = ToRecord(stored, includeVector: false);
            if (accept is not null && !accept(record))
            {
                continue;
            }

            VectorCodec.Decode(stored.Data, StoredEncoding, vector);
            var score = Similarity.Cosine(query, vector);
            best.Enqueue((record, score), (score, record.ChunkId));
            if (best.Count > top)
            {
                best.Dequeue();
            }
        }

        var results = new List<(ChunkVector, float)>(best.Count);
        while (best.TryDequeue(out var item, out _))
        {
            results.Add(item);
        }

        results.Reverse();
        return results;
    }

    private float[] Decode(byte[] data)
    {
        var vector = new float[dimensions];
        VectorCodec.Decode(data, StoredEncoding, vector);
        return vector;
    }

    private ChunkVector ToRecord(StoredVector stored, bool includeVector) => new()
    {
        ChunkId = stored.Id,
        DocumentId = stored.DocumentId,
        Page = stored.Page,
        Vector = includeVector ? Decode(stored.Data) : ReadOnlyMemory<float>.Empty,
    };
}
