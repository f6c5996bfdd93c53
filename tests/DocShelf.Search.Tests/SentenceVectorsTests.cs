using DocShelf.Fixtures;
using DocShelf.Search.Sentences;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;
using DocShelf.Search.Vectors.Groups;

namespace DocShelf.Search.Tests;

/// <summary>
/// Sentence vectors kept once, in their model's file: found by chunk, replaced, deleted, read by another process, and
/// what a kill, a lost table and a file cut short leave behind.
/// </summary>
public sealed class SentenceVectorsTests : IDisposable
{
    private const int Dimensions = 32;
    private const string Model = "test-model";

    private readonly TempFolder data = new();
    private readonly RandomVectors random = new(Dimensions, seed: 17);
    private readonly List<ChunkSentences> chunks;
    private readonly List<float[]> queries;

    public SentenceVectorsTests()
    {
        // 13 chunks in each of 12 documents ("doc-1/1/1" and "doc-1/1/10" share a beginning), 1 to 8 sentences each.
        var counts = new Random(5);
        chunks = [.. Enumerable.Range(0, 12 * 13).Select(i => new ChunkSentences(
            $"doc-{i / 13}/1/{i % 13}",
            $"doc-{i / 13}",
            1 + (i % 3),
            [.. Enumerable.Range(0, counts.Next(1, 9)).Select(s => new SentenceVector(s * 40, (s * 40) + 39, random.Vector()))]))];
        queries = [.. Enumerable.Range(0, 10).Select(_ => random.Vector())];
    }

    [Fact]
    public async Task Each_chunk_asked_for_gets_its_best_sentence_and_a_reader_gets_the_same_after_changes()
    {
        List<ChunkSentences> expected;
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var sentences = new SentenceVectors(database, Model, Dimensions, VectorEncoding.Full))
        {
            foreach (var batch in chunks.Chunk(37))
            {
                await sentences.UpsertAsync(batch);
            }

            AssertBest(sentences, chunks);
            Assert.Equal(chunks.Sum(c => c.Sentences.Count), sentences.Count);

            // A chunk's sentences stored again (its text changed), and another document's chunks deleted.
            var changed = chunks[0] with { Sentences = [new SentenceVector(0, 12, random.Vector()), new SentenceVector(14, 30, random.Vector())] };
            await sentences.UpsertAsync([changed]);
            Assert.Equal(13, sentences.DeleteDocument("doc-3"));
            expected = [changed, .. chunks.Skip(1).Where(c => c.DocumentId != "doc-3")];
            AssertBest(sentences, expected);
            Assert.Empty(sentences.Of(chunks[3 * 13].ChunkId));
            Assert.Equal([(0, 12), (14, 30)], sentences.Of(changed.ChunkId).Select(s => (s.Start, s.End)));
            Assert.Equal(expected.Sum(c => c.Sentences.Count), sentences.Count);
            Assert.Equal(expected.GroupBy(c => c.DocumentId).ToDictionary(g => g.Key, g => g.Count()), sentences.Tally());
            Assert.Equal(Enumerable.Range(0, 13).Select(i => $"doc-5/1/{i}").Order(), sentences.ChunksOf("doc-5").Order());
        }

        using var readOnly = new ShelfDatabase(data.Path, readOnly: true);
        using var reader = new SentenceVectors(readOnly, Model, Dimensions, VectorEncoding.Full);
        Assert.Equal(0, reader.UnsavedCount); // the table covers the whole file
        AssertBest(reader, expected);
        Assert.Empty(reader.BestInGroups(["doc-1/1/99", "no such chunk"], queries[0]));
    }

    [Fact]
    public async Task Bytes_a_kill_left_past_what_the_store_acknowledged_are_cut_off_and_never_found()
    {
        long acknowledged;
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var sentences = new SentenceVectors(database, Model, Dimensions, VectorEncoding.Full))
        {
            await sentences.UpsertAsync(chunks.Take(100));
            acknowledged = new FileInfo(database.SentenceFilePath(sentences.Name)).Length;
        }

        // A kill after a change's entries reached the disk, before the store recorded them, and a half-written frame.
        var path = FilePath();
        using (var file = SentenceFile.OpenForWriting(path, Dimensions * sizeof(float), acknowledged))
        {
            file.Append([new SentenceEntry("doc-0/1/0", "doc-0", 1, [(0, 5)], new byte[Dimensions * sizeof(float)]), Entry(chunks[120])]);
        }

        await File.AppendAllTextAsync(path, "half a frame");

        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var sentences = new SentenceVectors(database, Model, Dimensions, VectorEncoding.Full))
        {
            AssertBest(sentences, [.. chunks.Take(100)]);
            Assert.Empty(sentences.Of(chunks[120].ChunkId));
            Assert.Equal(acknowledged, new FileInfo(path).Length);
            await sentences.UpsertAsync(chunks.Skip(100));
            AssertBest(sentences, chunks);
        }
    }

    [Fact]
    public async Task A_lost_table_is_read_past_by_a_reader_and_made_again_by_the_next_writer()
    {
        await StoreAllAsync();
        var table = Path.Combine(TableFolder(), GroupTable.FileName);
        File.Delete(table);

        using (var readOnly = new ShelfDatabase(data.Path, readOnly: true))
        using (var reader = new SentenceVectors(readOnly, Model, Dimensions, VectorEncoding.Full))
        {
            Assert.Equal(chunks.Count, reader.UnsavedCount);
            AssertBest(reader, chunks);
        }

        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var writer = new SentenceVectors(database, Model, Dimensions, VectorEncoding.Full))
        {
            AssertBest(writer, chunks);
        }

        Assert.True(File.Exists(table));
        using var again = new ShelfDatabase(data.Path, readOnly: true);
        using var readerAgain = new SentenceVectors(again, Model, Dimensions, VectorEncoding.Full);
        Assert.Equal(0, readerAgain.UnsavedCount);
        AssertBest(readerAgain, chunks);
    }

    [Fact]
    public async Task A_table_made_from_another_file_is_made_again_from_this_one()
    {
        // Another shelf's table, made from 50 chunks stored in another order, put beside this shelf's file.
        using var other = new TempFolder();
        using (var database = new ShelfDatabase(other.Path, readOnly: false))
        using (var sentences = new SentenceVectors(database, Model, Dimensions, VectorEncoding.Full))
        {
            await sentences.UpsertAsync(chunks.Skip(7).Take(50));
        }

        await StoreAllAsync();
        var table = Path.Combine(TableFolder(), GroupTable.FileName);
        using (var database = new ShelfDatabase(other.Path, readOnly: true))
        {
            File.Copy(Path.Combine(database.SentenceTableFolder(Model + SentenceKey.CollectionSuffix), GroupTable.FileName), table, overwrite: true);
        }

        using (var readOnly = new ShelfDatabase(data.Path, readOnly: true))
        using (var reader = new SentenceVectors(readOnly, Model, Dimensions, VectorEncoding.Full))
        {
            AssertBest(reader, chunks);
        }

        using var writable = new ShelfDatabase(data.Path, readOnly: false);
        using var writer = new SentenceVectors(writable, Model, Dimensions, VectorEncoding.Full);
        AssertBest(writer, chunks);
    }

    [Fact]
    public async Task A_file_cut_short_forgets_the_chunks_it_lost_so_that_they_are_embedded_again()
    {
        await StoreAllAsync();
        var path = FilePath();
        var length = new FileInfo(path).Length;
        using (var cut = new FileStream(path, FileMode.Open))
        {
            cut.SetLength(length * 2 / 3);
        }

        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var sentences = new SentenceVectors(database, Model, Dimensions, VectorEncoding.Full);
        var kept = chunks.Where(c => sentences.Of(c.ChunkId).Count > 0).ToList();
        Assert.InRange(kept.Count, chunks.Count / 2, chunks.Count - 1);
        Assert.Equal(chunks.Take(kept.Count).Select(c => c.ChunkId), kept.Select(c => c.ChunkId)); // the first ones, in the order stored
        Assert.Equal(kept.Sum(c => c.Sentences.Count), sentences.Count);
        var lost = chunks.Skip(kept.Count).ToList();
        Assert.All(lost.GroupBy(c => c.DocumentId), g => Assert.DoesNotContain(g.First().ChunkId, sentences.ChunksOf(g.Key)));
        AssertBest(sentences, kept);
        await sentences.UpsertAsync(lost);
        AssertBest(sentences, chunks);
    }

    [Fact]
    public async Task A_snapshot_holds_the_sentence_file_as_it_stood_and_opens_with_every_sentence_its_store_points_at()
    {
        var snapshot = Path.Combine(data.Path, "snapshots", "now");
        using (var shelf = Shelf.OpenForWriting(data.Path))
        using (var sentences = shelf.SentenceVectors(Model, Dimensions, VectorEncoding.Full))
        {
            await sentences.UpsertAsync(chunks.Take(100));
            shelf.Writer!.Snapshot(snapshot);
            await sentences.UpsertAsync(chunks.Skip(100)); // after the snapshot: not in it
        }

        using var database = new ShelfDatabase(snapshot, readOnly: true);
        using var copy = new SentenceVectors(database, Model, Dimensions, VectorEncoding.Full);
        AssertBest(copy, [.. chunks.Take(100)]);
        Assert.Empty(copy.Of(chunks[120].ChunkId));
        Assert.Equal(new FileInfo(database.SentenceFilePath(copy.Name)).Length, database.SentenceFiles.FindById(copy.Name)!.End);
    }

    public void Dispose() => data.Dispose();

    private async Task StoreAllAsync()
    {
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var sentences = new SentenceVectors(database, Model, Dimensions, VectorEncoding.Full);
        await sentences.UpsertAsync(chunks);
    }

    private string FilePath()
    {
        using var database = new ShelfDatabase(data.Path, readOnly: true);
        return database.SentenceFilePath(Model + SentenceKey.CollectionSuffix);
    }

    private string TableFolder()
    {
        using var database = new ShelfDatabase(data.Path, readOnly: true);
        return database.SentenceTableFolder(Model + SentenceKey.CollectionSuffix);
    }

    private static SentenceEntry Entry(ChunkSentences chunk) => new(
        chunk.ChunkId,
        chunk.DocumentId,
        chunk.Page,
        [.. chunk.Sentences.Select(s => (s.Start, s.End))],
        [.. chunk.Sentences.SelectMany(s => VectorCodec.Encode(s.Vector.Span, VectorEncoding.Full))]);

    /// <summary>For each query, every second chunk and one that does not exist: each chunk's best sentence among <paramref name="expected"/>, exactly.</summary>
    private void AssertBest(SentenceVectors sentences, List<ChunkSentences> expected)
    {
        foreach (var query in queries)
        {
            var asked = expected.Where((_, i) => i % 2 == 0).Select(c => c.ChunkId).Append("doc-0/1/99").ToList();
            var found = sentences.BestInGroups(asked, query);
            foreach (var chunk in expected.Where(c => asked.Contains(c.ChunkId)))
            {
                var truth = chunk.Sentences.MaxBy(s => RandomVectors.Cosine(s.Vector.ToArray(), query))!;
                var (record, score) = found[chunk.ChunkId];
                Assert.Equal(SentenceKey.Of(chunk.ChunkId, truth.Start, truth.End), record.ChunkId);
                Assert.Equal((chunk.DocumentId, chunk.Page), (record.DocumentId, record.Page));
                Assert.Equal(RandomVectors.Cosine(truth.Vector.ToArray(), query), score, 4);
            }

            Assert.Equal(asked.Count - 1, found.Count);
        }
    }
}
