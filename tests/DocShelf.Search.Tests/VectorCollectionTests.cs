using DocShelf.Fixtures;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;
using Microsoft.Extensions.VectorData;

namespace DocShelf.Search.Tests;

public sealed class VectorCollectionTests : IDisposable
{
    private const int Dimensions = 48;

    private readonly TempFolder data = new();
    private readonly RandomVectors random = new(Dimensions, seed: 7);

    [Fact]
    public async Task Search_finds_exactly_what_brute_force_in_double_precision_finds()
    {
        var records = random.Records(3000);
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions);
        await collection.UpsertAsync(records);

        for (var q = 0; q < 25; q++)
        {
            var query = random.Vector();
            var found = await collection.SearchAsync(query, 10).ToListAsync();
            var expected = records
                .Select(r => (r.ChunkId, Score: RandomVectors.Cosine(query, r.Vector.ToArray())))
                .OrderByDescending(r => r.Score)
                .Take(10)
                .ToList();

            Assert.Equal(expected.Select(e => e.ChunkId), found.Select(f => f.Record.ChunkId));
            Assert.All(expected.Zip(found), pair => Assert.Equal(pair.First.Score, pair.Second.Score!.Value, 1e-5));
        }
    }

    [Fact]
    public async Task A_deleted_collection_holds_nothing_and_is_made_again_empty()
    {
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions);
        await collection.UpsertAsync(random.Records(300));
        await collection.SaveGraphsAsync();

        await collection.EnsureCollectionDeletedAsync();

        Assert.False(await collection.CollectionExistsAsync());
        Assert.Equal(0, collection.Count);
        Assert.False(Directory.Exists(database.GraphFolder("test-model")));
        var again = random.Records(20);
        await collection.UpsertAsync(again);
        Assert.Equal(20, collection.Count);
        var query = again[7].Vector.ToArray();
        Assert.Equal(again[7].ChunkId, (await collection.SearchAsync(query, 1).SingleAsync()).Record.ChunkId);
    }

    [Fact]
    public async Task Vectors_survive_closing_and_reopening_the_shelf()
    {
        var records = random.Records(200);
        var query = random.Vector();
        List<string> before;
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var collection = new LiteDbVectorCollection(database, "test-model", Dimensions))
        {
            await collection.UpsertAsync(records);
            before = await collection.SearchAsync(query, 5).Select(r => r.Record.ChunkId).ToListAsync();
        }

        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var collection = new LiteDbVectorCollection(database, "test-model", Dimensions))
        {
            Assert.True(await collection.CollectionExistsAsync());
            Assert.Equal(before, await collection.SearchAsync(query, 5).Select(r => r.Record.ChunkId).ToListAsync());
            var stored = await collection.GetAsync(records[3].ChunkId, new RecordRetrievalOptions { IncludeVectors = true });
            Assert.Equal(records[3].Vector.ToArray(), stored!.Vector.ToArray());
        }
    }

    [Fact]
    public async Task Deleted_chunks_and_documents_leave_the_results()
    {
        var records = random.Records(100);
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions);
        await collection.UpsertAsync(records);

        await collection.DeleteAsync(records[0].ChunkId);
        var removed = collection.DeleteDocument("doc-3");

        Assert.Equal(10, removed);
        var everything = await collection.SearchAsync(random.Vector(), 1000).Select(r => r.Record).ToListAsync();
        Assert.Equal(89, everything.Count);
        Assert.DoesNotContain(everything, r => r.ChunkId == records[0].ChunkId || r.DocumentId == "doc-3");
        Assert.Null(await collection.GetAsync(records[0].ChunkId));
    }

    [Fact]
    public async Task A_filter_narrows_the_search_and_the_best_remaining_are_returned()
    {
        var records = random.Records(500);
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions);
        await collection.UpsertAsync(records);
        var query = random.Vector();

        var found = await collection.SearchAsync(query, 5, new VectorSearchOptions<ChunkVector> { Filter = r => r.DocumentId == "doc-7" }).ToListAsync();

        var expected = records.Where(r => r.DocumentId == "doc-7").OrderByDescending(r => RandomVectors.Cosine(query, r.Vector.ToArray())).Take(5).Select(r => r.ChunkId);
        Assert.Equal(expected, found.Select(f => f.Record.ChunkId));
    }

    [Fact]
    public async Task A_batch_of_new_chunks_chunks_stored_again_and_a_chunk_named_twice_keeps_one_vector_each_the_last_given()
    {
        var records = random.Records(50);
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions);
        await collection.UpsertAsync(records.Take(20)); // doc-0 and doc-1

        // doc-1 stored again in part, doc-2 to doc-4 new, and one chunk of doc-2 given twice.
        var again = records[12] with { Vector = random.Vector() };
        var twiceFirst = records[25] with { Vector = random.Vector() };
        var twiceLast = records[25] with { Vector = random.Vector() };
        await collection.UpsertAsync([again, .. records.Skip(20).Take(5), twiceFirst, .. records.Skip(26), twiceLast]);

        Assert.Equal(50, collection.Count);
        Assert.Equal(Enumerable.Range(0, 5).ToDictionary(d => $"doc-{d}", _ => 10), collection.Tally());
        Assert.Equal(again.Vector.ToArray(), (await collection.GetAsync(again.ChunkId, new RecordRetrievalOptions { IncludeVectors = true }))!.Vector.ToArray());
        Assert.Equal(twiceLast.Vector.ToArray(), (await collection.GetAsync(twiceLast.ChunkId, new RecordRetrievalOptions { IncludeVectors = true }))!.Vector.ToArray());
        var everything = await collection.SearchAsync(random.Vector(), 1000).Select(r => r.Record.ChunkId).ToListAsync();
        Assert.Equal(records.Select(r => r.ChunkId).Order(StringComparer.Ordinal), everything.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_vector_of_the_wrong_size_is_refused()
    {
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            collection.UpsertAsync(new ChunkVector { ChunkId = "a/1/0", DocumentId = "a", Page = 1, Vector = new float[Dimensions + 1] }));
        Assert.Contains("49 dimensions", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VectorEncoding.Half, 0.97)]
    [InlineData(VectorEncoding.Bytes, 0.85)]
    public async Task Smaller_encodings_keep_most_of_the_exact_top_ten(VectorEncoding encoding, double minimumRecall)
    {
        var records = random.Records(3000);
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var exact = new LiteDbVectorCollection(database, "exact", Dimensions);
        using var smaller = new LiteDbVectorCollection(database, "smaller", Dimensions, encoding);
        await exact.UpsertAsync(records);
        await smaller.UpsertAsync(records);

        var kept = 0;
        for (var q = 0; q < 50; q++)
        {
            var query = random.Vector();
            var truth = await exact.SearchAsync(query, 10).Select(r => r.Record.ChunkId).ToHashSetAsync();
            kept += await smaller.SearchAsync(query, 10).CountAsync(r => truth.Contains(r.Record.ChunkId));
        }

        Assert.InRange(kept / 500.0, minimumRecall, 1.0);
    }

    public void Dispose() => data.Dispose();
}
