using DocShelf.Search.Store;
using DocShelf.Search.Vectors;
using DocShelf.Search.Vectors.Groups;

namespace DocShelf.Search.Sentences;

/// <summary>
/// The vectors a model made of each chunk's sentences. Questions are usually answered by one sentence, and a
/// sentence's vector matches a question more closely than its whole chunk's does, so a search weighs the sentences of
/// the chunks it found (<see cref="BestInGroups"/>) and no index over every sentence is kept. They are kept once, in
/// the model's <see cref="SentenceFile"/>, one entry per chunk; the store holds a pointer to each chunk's entry, the
/// entries replaced or deleted, and a tally per document, all changed in one transaction after the entries are on the
/// disk. A table beside the file (<see cref="GroupTable"/>) finds a chunk's entry without asking the store: it is
/// derived from the file, so a writer fills in what it lacks and makes it again when it is lost.
/// </summary>
public sealed partial class SentenceVectors : IDisposable
{
    private readonly ShelfDatabase database;
    private readonly int dimensions;
    private readonly VectorEncoding requestedEncoding;
    private readonly Lock gate = new();
    private Opening? opened;
    /// <summary>Whether opening was tried: a reader that found no file does not look again at every search.</summary>
    private bool triedOpening;
    /// <summary>Offsets of entries replaced or deleted: replaced whole on each change, so searches read it without a lock.</summary>
    private HashSet<long> gone = [];

    public SentenceVectors(ShelfDatabase database, string model, int dimensions, VectorEncoding encoding)
    {
        this.database = database;
        Name = model + SentenceKey.CollectionSuffix;
        this.dimensions = dimensions;
        requestedEncoding = encoding;
    }

    /// <summary>The model's name and <see cref="SentenceKey.CollectionSuffix"/>, as the store knows the file.</summary>
    public string Name { get; }

    /// <summary>Sentence vectors held for chunks on the shelf, read from the file's record: nothing is loaded to count them.</summary>
    public long Count => Info()?.Count ?? 0;

    /// <summary>Entries no saved table holds, which this process found by reading the file when it opened it.</summary>
    public long UnsavedCount => Opened()?.Unsaved.Values.Sum(offsets => (long)offsets.Count) ?? 0;

    /// <summary>
    /// How many chunks of each document have their sentences stored, read without reading an entry: a document whose
    /// count falls short of its chunks' is one to look at chunk by chunk.
    /// </summary>
    public Dictionary<string, int> Tally() =>
        database.SentenceTallies(Name).FindAll().ToDictionary(t => t.Id, t => t.Vectors, StringComparer.Ordinal);

    /// <summary>The chunks of a document that have their sentences stored.</summary>
    public List<string> ChunksOf(string documentId) =>
        [.. database.SentencePointers(Name).Query().Where(p => p.DocumentId == documentId).Select(p => p.Id).ToEnumerable()];

    /// <summary>Opens the file and the table, as the first search would, for a caller with time to spare before it.</summary>
    public void Open() => Opened();

    /// <summary>
    /// Stores each chunk's sentences, replacing any it had: the entries are appended to the file and flushed, then the
    /// store records them, so a kill in between leaves only bytes the store never acknowledged.
    /// </summary>
    public Task UpsertAsync(IEnumerable<ChunkSentences> chunks, CancellationToken cancellationToken = default)
    {
        // A chunk named twice is stored once, with its last sentences; a chunk without sentences has nothing to store.
        var list = chunks.Reverse().DistinctBy(c => c.ChunkId, StringComparer.Ordinal).Reverse().Where(c => c.Sentences.Count > 0).ToList();
        foreach (var sentence in list.SelectMany(c => c.Sentences).Where(s => s.Vector.Length != dimensions))
        {
            throw new ArgumentException($"A sentence vector of {sentence.Vector.Length} dimensions; this model's have {dimensions}.", nameof(chunks));
        }

        if (list.Count == 0)
        {
            return Task.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var encoding = Writable().Encoding;
            Store([.. list.Select(c => Entry(c, encoding))], replacing: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Forgets the sentences of the chunks named; their entries stay in the file, unread.</summary>
    public Task DeleteAsync(IEnumerable<string> chunkIds, CancellationToken cancellationToken = default)
    {
        Forget([.. chunkIds]);
        return Task.CompletedTask;
    }

    /// <summary>Forgets the sentences of every chunk of a document, as when it leaves the shelf.</summary>
    public int DeleteDocument(string documentId) => Forget(ChunksOf(documentId));

    /// <summary>
    /// For each chunk named, its sentence most similar to <paramref name="query"/>, scored exactly, with a citation
    /// whose id is the chunk's, '#' and the sentence's span (<see cref="SentenceKey"/>). A chunk with none is left out.
    /// </summary>
    public Dictionary<string, (ChunkVector Record, float Score)> BestInGroups(
        IReadOnlyCollection<string> chunkIds, ReadOnlySpan<float> query, CancellationToken cancellationToken = default)
    {
        var best = new Dictionary<string, (ChunkVector, float)>(StringComparer.Ordinal);
        if (Opened() is not { } files)
        {
            return best;
        }

        var vectorBytes = VectorCodec.ByteCount(dimensions, files.Encoding);
        var vector = new float[dimensions];
        foreach (var chunkId in chunkIds.Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (EntryOf(files, chunkId) is not { } entry)
            {
                continue;
            }

            for (var i = 0; i < entry.Spans.Count; i++)
            {
                VectorCodec.Decode(entry.VectorBytes(i, vectorBytes), files.Encoding, vector);
                var score = Similarity.Cosine(query, vector);
                if (!best.TryGetValue(chunkId, out var known) || score > known.Item2)
                {
                    var (start, end) = entry.Spans[i];
                    best[chunkId] = (new ChunkVector { ChunkId = SentenceKey.Of(chunkId, start, end), DocumentId = entry.DocumentId, Page = entry.Page }, score);
                }
            }
        }

        return best;
    }

    /// <summary>The stored sentences of a chunk, each with its vector; none when it has none.</summary>
    public IReadOnlyList<SentenceVector> Of(string chunkId)
    {
        if (Opened() is not { } files || EntryOf(files, chunkId) is not { } entry)
        {
            return [];
        }

        var vectorBytes = VectorCodec.ByteCount(dimensions, files.Encoding);
        return [.. entry.Spans.Select((span, i) =>
        {
            var vector = new float[dimensions];
            VectorCodec.Decode(entry.VectorBytes(i, vectorBytes), files.Encoding, vector);
            return new SentenceVector(span.Start, span.End, vector);
        })];
    }

    /// <summary>
    /// Appends entries already encoded, for a chunk each, and points their chunks at them: how an upgrade moves the
    /// sentences an older DocShelf kept in the store, without decoding them.
    /// </summary>
    internal void Move(IReadOnlyList<SentenceEntry> entries) => Store(entries, replacing: false);

    /// <summary>
    /// Appends the entries, flushed, then in one transaction points their chunks at them, records the entries they
    /// replace as gone (unless the caller knows none are <paramref name="replacing"/>, which saves a lookup a chunk),
    /// and moves the tallies and the acknowledged end; the table learns of them last.
    /// </summary>
    private void Store(IReadOnlyList<SentenceEntry> entries, bool replacing)
    {
        lock (gate)
        {
            var (file, table, _) = Writable();
            var offsets = file.Append(entries);
            var pointers = entries.Select((e, i) => new SentencePointer { Id = e.ChunkId, DocumentId = e.DocumentId, At = offsets[i], Sentences = e.Spans.Count }).ToList();
            var replaced = database.InTransaction(() =>
            {
                var before = replacing ? PointersOf(pointers) : [];
                if (replacing)
                {
                    database.SentencePointers(Name).Upsert(pointers);
                }
                else
                {
                    database.SentencePointers(Name).Insert(pointers);
                }

                database.SentencesGone(Name).Upsert(before.Select(p => new GoneVector { Id = p.At }));
                Record(before, pointers, file.End);
                return before;
            });
            Volatile.Write(ref gone, [.. gone, .. replaced.Select(p => p.At)]);
            table.Add(entries.Select((e, i) => (offsets[i], e.ChunkId)), file.End);
        }
    }

    /// <summary>
    /// The pointers stored now for the chunks of <paramref name="pointers"/>. A document with no sentences yet (the
    /// usual case: one just read) has none to look up.
    /// </summary>
    private List<SentencePointer> PointersOf(List<SentencePointer> pointers)
    {
        var tallied = database.SentenceTallies(Name);
        var holding = pointers.Select(p => p.DocumentId).Distinct(StringComparer.Ordinal).Where(d => tallied.FindById(d) is not null).ToHashSet(StringComparer.Ordinal);
        return [.. pointers.Where(p => holding.Contains(p.DocumentId)).Select(p => database.SentencePointers(Name).FindById(p.Id)).OfType<SentencePointer>()];
    }

    public void Dispose()
    {
        lock (gate)
        {
            opened?.Dispose();
            opened = null;
            triedOpening = true; // closed for good
        }
    }

    private SentenceFileInfo? Info() => database.SentenceFiles.FindById(Name);

    private SentenceEntry Entry(ChunkSentences chunk, VectorEncoding encoding)
    {
        var vectorBytes = VectorCodec.ByteCount(dimensions, encoding);
        var bytes = new byte[chunk.Sentences.Count * vectorBytes];
        for (var i = 0; i < chunk.Sentences.Count; i++)
        {
            VectorCodec.Encode(chunk.Sentences[i].Vector.Span, encoding).CopyTo(bytes, i * vectorBytes);
        }

        return new SentenceEntry(chunk.ChunkId, chunk.DocumentId, chunk.Page, [.. chunk.Sentences.Select(s => (s.Start, s.End))], bytes);
    }

    /// <summary>
    /// The chunk's entry: the newest one found for it that is not replaced or deleted. The table may hold entries of
    /// other chunks under the same hash, so each entry's own chunk id says whose it is.
    /// </summary>
    private SentenceEntry? EntryOf(Opening files, string chunkId)
    {
        if (files.File is null)
        {
            // A shelf not yet upgraded to store schema 5: its records of each sentence, whose ids begin with the chunk's.
            var prefix = chunkId + "#";
            var records = database.Vectors(Name).Find(LiteDB.Query.StartsWith("_id", prefix)).Where(r => r.Id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            return records.Count > 0 ? SentenceEntry.FromRecords(records) : null;
        }

        var goneNow = Volatile.Read(ref gone);
        var offsets = files.Table?.KeysOf(chunkId) ?? [];
        if (files.Unsaved.TryGetValue(chunkId, out var unsaved))
        {
            offsets = [.. offsets.Concat(unsaved).Order()];
        }

        for (var i = offsets.Count - 1; i >= 0; i--)
        {
            if (!goneNow.Contains(offsets[i]) && files.File.Read(offsets[i]) is { } entry && entry.ChunkId == chunkId)
            {
                return entry;
            }
        }

        return null;
    }

    private int Forget(List<string> chunkIds)
    {
        if (chunkIds.Count == 0)
        {
            return 0;
        }

        lock (gate)
        {
            var (file, _, _) = Writable();
            var removed = database.InTransaction(() =>
            {
                var pointers = database.SentencePointers(Name);
                var deleted = chunkIds.Select(id => pointers.FindById(id)).OfType<SentencePointer>().Where(p => pointers.Delete(p.Id)).ToList();
                database.SentencesGone(Name).Upsert(deleted.Select(p => new GoneVector { Id = p.At }));
                Record(deleted, [], file.End);
                return deleted;
            });
            Volatile.Write(ref gone, [.. gone, .. removed.Select(p => p.At)]);
            return removed.Count;
        }
    }

    /// <summary>
    /// Inside the caller's transaction: changes the documents' tallies and the count of sentences by the entries that
    /// <paramref name="left"/> and <paramref name="came"/>, and moves the file's acknowledged end to <paramref name="end"/>.
    /// </summary>
    private void Record(List<SentencePointer> left, List<SentencePointer> came, long end)
    {
        var changes = left.Select(p => (p.DocumentId, Entries: -1, Sentences: -p.Sentences))
            .Concat(came.Select(p => (p.DocumentId, Entries: 1, p.Sentences)))
            .GroupBy(c => c.DocumentId, StringComparer.Ordinal).Select(g => (Document: g.Key, Entries: g.Sum(c => c.Entries), Sentences: g.Sum(c => c.Sentences))).ToList();
        foreach (var (document, change, _) in changes.Where(c => c.Entries != 0))
        {
            DocumentTally.Change(database.SentenceTallies(Name), document, change);
        }

        var info = Info()!;
        database.SentenceFiles.Update(info with { End = end, Count = Math.Max(0, info.Count + changes.Sum(c => (long)c.Sentences)) });
    }

    /// <summary>The file and table opened for writing, and the file's encoding: a writer's only way in, which makes the file's record first.</summary>
    private (SentenceFile File, GroupTable Table, VectorEncoding Encoding) Writable()
    {
        if (database.IsReadOnly)
        {
            throw new InvalidOperationException("A shelf opened for reading stores no sentence vectors.");
        }

        return Opened() is { File: { } file, Table: { } table } opening
            ? (file, table, opening.Encoding)
            : throw new InvalidOperationException($"The sentence file {Name} could not be opened.");
    }
}
