using DocShelf.Fixtures;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;
using DocShelf.Search.Vectors.Groups;

namespace DocShelf.Search.Tests;

/// <summary>
/// Sentence vectors found by their chunk, through the rows and the group table rather than graphs: saved, held in
/// memory, deleted, read by another process, left in graphs by an earlier DocShelf, and with the table lost.
/// </summary>
public sealed class SentenceGroupTests : IDisposable
{
    private const int Dimensions = 32;
    private const int SmallSave = 100;
    private const string Name = "test-model#sentences";

    private readonly TempFolder data = new();
    private readonly RandomVectors random = new(Dimensions, seed: 17);
    private readonly List<ChunkVector> sentences;
    private readonly List<float[]> queries;

    public SentenceGroupTests()
    {
        // 13 chunks in each of 12 documents ("doc-1/1/1" and "doc-1/1/10" share a beginning), 1 to 8 sentences each.
        var counts = new Random(5);
        sentences = [.. Enumerable.Range(0, 12 * 13).SelectMany(i =>
        {
            var (document, chunk) = ($"doc-{i / 13}", $"doc-{i / 13}/1/{i % 13}");
            return Enumerable.Range(0, counts.Next(1, 9)).Select(s => new ChunkVector
            {
                ChunkId = SentenceKey.Of(chunk, s * 40, (s * 40) + 39),
                DocumentId = document,
                Page = 1,
                Vector = random.Vector(),
            });
        })];
        queries = [.. Enumerable.Range(0, 10).Select(_ => random.Vector())];
    }

    private string Folder
    {
        get
        {
            using var database = new ShelfDatabase(data.Path, readOnly: true);
            return database.GraphFolder(Name);
        }
    }

    [Fact]
    public async Task Each_chunk_found_gets_its_best_sentence_whether_saved_or_held_and_a_reader_gets_the_same()
    {
        List<ChunkVector> left;
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var collection = new LiteDbVectorCollection(database, Name, Dimensions, saveAt: SmallSave, kind: VectorIndexKind.Groups))
        {
            foreach (var batch in sentences.Chunk(37))
            {
                await collection.UpsertAsync(batch);
            }

            Assert.InRange(collection.UnsavedCount, 1, SmallSave - 1); // some held in memory, the rest saved
            AssertBest(collection, sentences);

            // A chunk's best sentence deleted: the next best stands in for it.
            var chunk = SentenceKey.ChunkOf(sentences[0].ChunkId);
            var best = collection.BestInGroups([chunk], queries[0])[chunk].Record.ChunkId;
            await collection.DeleteAsync([best]);
            left = [.. sentences.Where(s => s.ChunkId != best)];
            AssertBest(collection, left);
            await collection.SaveGraphsAsync();
            Assert.Equal(0, collection.UnsavedCount);
            AssertBest(collection, left);
        }

        Assert.Empty(Directory.GetFiles(Folder, "*.usearch"));
        Assert.True(File.Exists(Path.Combine(Folder, GroupTable.FileName)));
        using var readOnly = new ShelfDatabase(data.Path, readOnly: true);
        using var reader = new LiteDbVectorCollection(readOnly, Name, Dimensions, saveAt: SmallSave, kind: VectorIndexKind.Groups);
        Assert.Equal(0, reader.UnsavedCount);
        AssertBest(reader, left);
        Assert.Empty(reader.BestInGroups(["doc-1/1/99", "no such chunk"], queries[0]));
    }

    [Fact]
    public async Task Sentence_graphs_an_earlier_DocShelf_saved_are_let_go_and_a_lost_table_is_made_again_from_the_rows()
    {
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var earlier = new LiteDbVectorCollection(database, Name, Dimensions, saveAt: SmallSave))
        {
            await earlier.UpsertAsync(sentences);
            await earlier.SaveGraphsAsync();
        }

        Assert.NotEmpty(Directory.GetFiles(Folder, "*.usearch"));
        await AssertWriterFindsEveryBestAsync();
        Assert.Empty(Directory.GetFiles(Folder, "*.usearch"));
        Assert.Empty(Directory.GetFiles(Folder, "*.copies"));

        // The table lost: a reader reads the store, and the next writer fills a new one from the rows.
        File.Delete(Path.Combine(Folder, GroupTable.FileName));
        using (var readOnly = new ShelfDatabase(data.Path, readOnly: true))
        using (var reader = new LiteDbVectorCollection(readOnly, Name, Dimensions, saveAt: SmallSave, kind: VectorIndexKind.Groups))
        {
            Assert.Equal(sentences.Count, reader.UnsavedCount);
            AssertBest(reader, sentences);
        }

        await AssertWriterFindsEveryBestAsync();
        Assert.True(File.Exists(Path.Combine(Folder, GroupTable.FileName)));
    }

    public void Dispose() => data.Dispose();

    private async Task AssertWriterFindsEveryBestAsync()
    {
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, Name, Dimensions, saveAt: SmallSave, kind: VectorIndexKind.Groups);
        AssertBest(collection, sentences); // before the writer's first save: read from the store
        await collection.SaveGraphsAsync();
        Assert.Equal(0, collection.UnsavedCount);
        AssertBest(collection, sentences);
    }

    /// <summary>For each query, every second chunk and one that does not exist: each chunk's best sentence among <paramref name="expected"/>, exactly.</summary>
    private void AssertBest(LiteDbVectorCollection collection, List<ChunkVector> expected)
    {
        var byChunk = expected.GroupBy(s => SentenceKey.ChunkOf(s.ChunkId)).ToList();
        foreach (var query in queries)
        {
            var asked = byChunk.Where((_, i) => i % 2 == 0).Select(g => g.Key).Append("doc-0/1/99").ToList();
            var found = collection.BestInGroups(asked, query);
            foreach (var group in byChunk.Where(g => asked.Contains(g.Key)))
            {
                var truth = group.MaxBy(s => RandomVectors.Cosine(s.Vector.ToArray(), query))!;
                Assert.Equal(truth.ChunkId, found[group.Key].Record.ChunkId);
                Assert.Equal(RandomVectors.Cosine(truth.Vector.ToArray(), query), found[group.Key].Score, 4);
            }

            Assert.Equal(asked.Count - 1, found.Count);
        }
    }
}
