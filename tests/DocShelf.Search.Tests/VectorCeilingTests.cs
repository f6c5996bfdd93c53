using DocShelf.Fixtures;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;
using DocShelf.Search.Vectors.Graphs;

namespace DocShelf.Search.Tests;

/// <summary>
/// A collection past the row where the in-memory matrix of earlier DocShelf versions stopped (4,194,304 rows, where
/// doubling its array overflowed): small vectors, so the test is about counts and files, not the model.
/// </summary>
public sealed class VectorCeilingTests : IDisposable
{
    private const int Dimensions = 8;
    private const int OldCeiling = 4_194_304;
    private const int Total = OldCeiling + 65_536;
    private const int Batch = 65_536;

    private readonly TempFolder data = new();

    [Fact]
    public async Task A_collection_takes_vectors_past_the_old_ceiling_and_finds_each_of_them_through_its_graphs()
    {
        int[] probes = [0, 1_000_003, OldCeiling - 1, OldCeiling, Total - 1];
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var collection = new LiteDbVectorCollection(database, "ceiling", Dimensions, mergeUpTo: GraphSet.SealAt)) // sealed graphs, not merged
        {
            for (var start = 0; start < Total; start += Batch)
            {
                await collection.UpsertAsync(Enumerable.Range(start, Math.Min(Batch, Total - start)).Select(Record));
            }

            await collection.SaveGraphsAsync();
            Assert.Equal(Total, collection.Count);
        }

        // Opened again as a reader: every vector is in a graph, so nothing is read from the store to search.
        using var reader = new ShelfDatabase(data.Path, readOnly: true);
        using var opened = new LiteDbVectorCollection(reader, "ceiling", Dimensions);
        Assert.Equal(Total, opened.Count);
        Assert.Equal(0, opened.UnsavedCount);
        Assert.Equal(Total, opened.Graphs.Sum(g => g.Count));
        Assert.True(opened.Graphs.Count > Total / GraphSet.SealAt, $"{opened.Graphs.Count} graphs");
        foreach (var row in probes)
        {
            var found = opened.Nearest(VectorOf(row), 3, null);
            Assert.Equal(ChunkIdOf(row), found[0].Record.ChunkId);
            Assert.Equal(1.0, found[0].Score, 5);
        }

        // Within one document the collection reads that document's vectors, not four million.
        var within = opened.Nearest(VectorOf(Total - 1), 3, new VectorFilter(_ => true, DocumentOf(OldCeiling)));
        Assert.Equal(3, within.Count);
        Assert.All(within, f => Assert.Equal(DocumentOf(OldCeiling), f.Record.DocumentId));
    }

    public void Dispose() => data.Dispose();

    private static ChunkVector Record(int row) =>
        new() { ChunkId = ChunkIdOf(row), DocumentId = DocumentOf(row), Page = 1, Vector = VectorOf(row) };

    private static string ChunkIdOf(int row) => $"{DocumentOf(row)}/1/{row % 1000}";

    private static string DocumentOf(int row) => $"doc-{row / 1000}";

    /// <summary>The same vector for the same row every time, without keeping four million of them: each component hashed from the row and its place.</summary>
    private static float[] VectorOf(int row) =>
        [.. Enumerable.Range(0, Dimensions).Select(i => (float)((Mix(((ulong)row * Dimensions) + (ulong)i) / (double)ulong.MaxValue * 2) - 1))];

    /// <summary>SplitMix64's finaliser: neighbouring inputs give unrelated outputs.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
