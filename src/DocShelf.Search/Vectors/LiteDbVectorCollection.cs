using System.Runtime.CompilerServices;
using DocShelf.Search.Store;
using Microsoft.Extensions.VectorData;

namespace DocShelf.Search.Vectors;

/// <summary>
/// Chunk vectors in the shelf's LiteDB file, behind Microsoft.Extensions.VectorData's collection abstraction so
/// another store can take its place. Vectors are kept as compact byte arrays (full, half or 8-bit precision) and
/// held in memory as one matrix for exact cosine search. The collection is named after the model that made it.
/// </summary>
public sealed class LiteDbVectorCollection : VectorStoreCollection<string, ChunkVector>
{
    private readonly ShelfDatabase database;
    private readonly VectorEncoding encoding;
    private readonly int dimensions;
    private readonly Lock gate = new();
    private VectorMatrix? matrix;
    private Dictionary<string, (string DocumentId, int Page)> citations = new(StringComparer.Ordinal);

    public LiteDbVectorCollection(ShelfDatabase database, string name, int dimensions, VectorEncoding encoding = VectorEncoding.Full)
    {
        this.database = database;
        Name = name;
        this.dimensions = dimensions;
        this.encoding = encoding;
    }

    public override string Name { get; }

    public int Count => Matrix().Count;

    /// <summary>The chunk id of every vector in the collection.</summary>
    public HashSet<string> Keys()
    {
        lock (gate)
        {
            Matrix();
            return [.. citations.Keys];
        }
    }

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(database.VectorCollections.FindById(Name) is not null);

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        var info = database.VectorCollections.FindById(Name);
        if (info is null)
        {
            database.VectorCollections.Insert(new VectorCollectionInfo { Id = Name, Dimensions = dimensions, Encoding = encoding, CreatedUtc = DateTime.UtcNow });
        }
        else if (info.Dimensions != dimensions || info.Encoding != encoding)
        {
            throw new InvalidOperationException(
                $"The vector collection {Name} holds {info.Dimensions}-dimension vectors in {info.Encoding} encoding, not {dimensions} in {encoding}.");
        }

        return Task.CompletedTask;
    }

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            database.InTransaction(() =>
            {
                database.DropVectors(Name);
                database.VectorCollections.Delete(Name);
            });
            matrix = null;
            citations = new(StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }

    public override Task<ChunkVector?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Vectors(Name).FindById(key) is { } stored ? ToRecord(stored, options?.IncludeVectors == true) : null);

    public override async IAsyncEnumerable<ChunkVector> GetAsync(
        System.Linq.Expressions.Expression<Func<ChunkVector, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<ChunkVector>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var accept = filter.Compile();
        var includeVectors = options?.IncludeVectors == true;
        foreach (var record in database.Vectors(Name).FindAll().Select(s => ToRecord(s, includeVectors)).Where(accept).Skip(options?.Skip ?? 0).Take(top))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask;
    }

    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var list = keys.ToList();
        lock (gate)
        {
            var vectors = database.Vectors(Name);
            database.InTransaction(() => list.ForEach(k => vectors.Delete(k)));
            foreach (var key in list)
            {
                matrix?.Remove(key);
                citations.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Removes every vector of a document's chunks, as when the document leaves the shelf.</summary>
    public int DeleteDocument(string documentId)
    {
        lock (gate)
        {
            var keys = database.Vectors(Name).Find(v => v.DocumentId == documentId).Select(v => v.Id).ToList();
            database.Vectors(Name).DeleteMany(v => v.DocumentId == documentId);
            foreach (var key in keys)
            {
                matrix?.Remove(key);
                citations.Remove(key);
            }

            return keys.Count;
        }
    }

    public override Task UpsertAsync(ChunkVector record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    public override async Task UpsertAsync(IEnumerable<ChunkVector> records, CancellationToken cancellationToken = default)
    {
        await EnsureCollectionExistsAsync(cancellationToken);
        var list = records.ToList();
        foreach (var record in list.Where(r => r.Vector.Length != dimensions))
        {
            throw new ArgumentException($"Chunk {record.ChunkId} has a vector of {record.Vector.Length} dimensions; this collection holds {dimensions}.", nameof(records));
        }

        lock (gate)
        {
            var vectors = database.Vectors(Name);
            database.InTransaction(() => vectors.Upsert(list.Select(r => new StoredVector
            {
                Id = r.ChunkId,
                DocumentId = r.DocumentId,
                Page = r.Page,
                Data = VectorCodec.Encode(r.Vector.Span, encoding),
            })));
            var loaded = Matrix();
            foreach (var record in list)
            {
                // What is searched is what was stored, so an 8-bit collection searches 8-bit vectors.
                loaded.Set(record.ChunkId, Decode(VectorCodec.Encode(record.Vector.Span, encoding)));
                citations[record.ChunkId] = (record.DocumentId, record.Page);
            }
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
        var accept = options?.Filter?.Compile();
        List<(string Key, float Score, string DocumentId, int Page)> found;
        lock (gate)
        {
            var loaded = Matrix();
            Func<int, bool>? rowFilter = accept is null ? null : row => accept(Citation(loaded.KeyAt(row)));
            found = [.. loaded.Search(query.Span, top + (options?.Skip ?? 0), rowFilter).Select(hit =>
            {
                var key = loaded.KeyAt(hit.Row);
                return (key, hit.Score, citations[key].DocumentId, citations[key].Page);
            })];
        }

        foreach (var hit in found.Skip(options?.Skip ?? 0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (options?.ScoreThreshold is { } threshold && hit.Score < threshold)
            {
                yield break;
            }

            yield return new VectorSearchResult<ChunkVector>(new ChunkVector { ChunkId = hit.Key, DocumentId = hit.DocumentId, Page = hit.Page }, hit.Score);
        }

        await Task.CompletedTask;
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(VectorStoreCollectionMetadata)
            ? new VectorStoreCollectionMetadata { VectorStoreSystemName = "docshelf.litedb", CollectionName = Name }
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    private ChunkVector Citation(string key) => new() { ChunkId = key, DocumentId = citations[key].DocumentId, Page = citations[key].Page };

    private float[] Decode(byte[] data)
    {
        var vector = new float[dimensions];
        VectorCodec.Decode(data, encoding, vector);
        return vector;
    }

    private ChunkVector ToRecord(StoredVector stored, bool includeVector) => new()
    {
        ChunkId = stored.Id,
        DocumentId = stored.DocumentId,
        Page = stored.Page,
        Vector = includeVector ? Decode(stored.Data) : ReadOnlyMemory<float>.Empty,
    };

    /// <summary>The in-memory matrix, read from the store on first use.</summary>
    private VectorMatrix Matrix()
    {
        lock (gate)
        {
            if (matrix is null)
            {
                var loaded = new VectorMatrix(dimensions);
                foreach (var stored in database.Vectors(Name).FindAll())
                {
                    loaded.Set(stored.Id, Decode(stored.Data));
                    citations[stored.Id] = (stored.DocumentId, stored.Page);
                }

                matrix = loaded;
            }

            return matrix;
        }
    }
}
