using DocShelf.Fixtures;
using DocShelf.Models.Library;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;
using DocShelf.Search.Vectors.Graphs;
using Microsoft.Extensions.AI;

namespace DocShelf.Search.Tests;

/// <summary>
/// Vector collections searched through their saved graphs (USearch), with few enough vectors held in memory that
/// the graphs do nearly all the work: recall against exact search, copies of one vector, what a deletion does, graphs
/// lost, damaged or saved by an earlier DocShelf, and searches running side by side.
/// </summary>
public sealed class VectorGraphTests : IDisposable
{
    private const int Dimensions = 48;
    private const int SmallSave = 100;

    private readonly TempFolder data = new();
    private readonly RandomVectors random = new(Dimensions, seed: 11);

    [Fact]
    public async Task Graphs_keep_at_least_98_of_100_of_the_exact_top_ten_on_real_embeddings()
    {
        // Real text embedded by the built-in model: the sample sentences, alone and in pairs.
        var sentences = SampleTexts.AllPages()
            .SelectMany(p => p.Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(s => s.Length > 20).Distinct().ToList();
        var texts = sentences.Concat(sentences.Zip(sentences.Skip(7), (a, b) => $"{a}. {b}")).Take(2000).ToList();
        var queries = sentences.Take(100).Select(s => string.Join(' ', s.Split(' ').Take(6))).ToList();
        using var model = BuiltInModel.Default.Open();
        var vectors = await model.GenerateAsync(texts);
        var queryVectors = await model.GenerateAsync(queries.Select(q => BuiltInModel.Default.Config.QueryPrompt + q));
        var records = texts.Select((t, i) => new ChunkVector { ChunkId = $"text-{i}", DocumentId = $"doc-{i / 10}", Page = 1, Vector = vectors[i].Vector }).ToList();

        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var graphs = new LiteDbVectorCollection(database, "graphs", BuiltInModel.Default.Dimensions, saveAt: SmallSave);
        using var exact = new LiteDbVectorCollection(database, "exact", BuiltInModel.Default.Dimensions, saveAt: int.MaxValue);
        foreach (var batch in records.Chunk(64))
        {
            await graphs.UpsertAsync(batch);
            await exact.UpsertAsync(batch);
        }

        Assert.NotEmpty(graphs.Graphs);
        Assert.InRange(graphs.UnsavedCount, 0, SmallSave - 1);
        Assert.Empty(exact.Graphs);
        var kept = queryVectors.Sum(query =>
        {
            var truth = exact.Nearest(query.Vector.Span, 10, null).Select(r => r.Record.ChunkId).ToHashSet();
            return graphs.Nearest(query.Vector.Span, 10, null).Count(r => truth.Contains(r.Record.ChunkId));
        });
        Assert.InRange(kept / (10.0 * queries.Count), 0.98, 1.0);
    }

    [Fact]
    public async Task Scores_are_exact_whatever_the_graphs_measured()
    {
        var records = random.Records(1000);
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave);
        await collection.UpsertAsync(records);
        var query = random.Vector();

        var found = collection.Nearest(query, 10, null);

        Assert.NotEmpty(collection.Graphs);
        var byId = records.ToDictionary(r => r.ChunkId);
        Assert.All(found, f => Assert.Equal(RandomVectors.Cosine(query, byId[f.Record.ChunkId].Vector.ToArray()), f.Score, 1e-5));
        Assert.Equal(found.OrderByDescending(f => f.Score).Select(f => f.Record.ChunkId), found.Select(f => f.Record.ChunkId));
    }

    [Fact]
    public async Task Vectors_deleted_or_stored_again_after_their_graph_was_saved_are_found_as_they_now_are()
    {
        var records = random.Records(600);
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave);
        await collection.UpsertAsync(records);
        var query = random.Vector();
        var best = collection.Nearest(query, 3, null);

        await collection.DeleteAsync(best[0].Record.ChunkId);
        var moved = records.First(r => r.ChunkId == best[1].Record.ChunkId) with { Vector = Opposite(query) };
        await collection.UpsertAsync(moved);
        var after = collection.Nearest(query, 600, null);

        Assert.DoesNotContain(after, f => f.Record.ChunkId == best[0].Record.ChunkId);
        Assert.Equal(moved.ChunkId, after[^1].Record.ChunkId); // now the farthest of all, and there once
        Assert.Single(after, f => f.Record.ChunkId == moved.ChunkId);
        Assert.Equal(599, collection.Count);
        Assert.Equal(599, after.Count);
    }

    [Fact]
    public async Task A_filter_few_vectors_pass_still_returns_its_best_exactly()
    {
        var records = random.Records(2000);
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave);
        await collection.UpsertAsync(records);
        var query = random.Vector();

        var found = collection.Nearest(query, 5, new VectorFilter(r => r.DocumentId == "doc-123"));

        var expected = records.Where(r => r.DocumentId == "doc-123").OrderByDescending(r => RandomVectors.Cosine(query, r.Vector.ToArray())).Take(5).Select(r => r.ChunkId);
        Assert.Equal(expected, found.Select(f => f.Record.ChunkId));
        var within = collection.Nearest(query, 5, new VectorFilter(_ => true, "doc-123")); // that document's vectors read alone
        Assert.Equal(expected, within.Select(f => f.Record.ChunkId));
    }

    [Fact]
    public async Task Graphs_or_their_rows_lost_damaged_or_half_written_are_made_again_from_the_store_and_searches_do_not_change()
    {
        var records = random.Records(1000);
        var queries = Enumerable.Range(0, 20).Select(_ => random.Vector()).ToList();
        var truth = queries.Select(q => ExactTop(records, q, 10)).ToList();
        string folder;
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave))
        {
            await collection.UpsertAsync(records);
            AssertNearlyAll(truth, queries.Select(q => Ids(collection.Nearest(q, 10, null))));
            folder = database.GraphFolder("test-model");
        }

        // Lost, as by a hand that tidied the folder; then cut short, as by a full disk; a save's unfinished file beside it.
        File.Delete(Assert.Single(Directory.GetFiles(folder, "*.usearch")));
        await AssertSearchesAndRemakeAsync(queries, truth, folder);
        var graph = Assert.Single(Directory.GetFiles(folder, "*.usearch"));
        File.WriteAllBytes(graph, [.. File.ReadAllBytes(graph).Take(100)]);
        File.WriteAllText(Path.Combine(folder, "graph-000000000001-000000001000.usearch.partial"), "left by a kill");
        await AssertSearchesAndRemakeAsync(queries, truth, folder);

        // The rows the graphs are re-scored from, cut short by a kill mid-write: the graph past them is made again.
        var rows = Path.Combine(folder, VectorRows.FileName);
        File.WriteAllBytes(rows, [.. File.ReadAllBytes(rows).SkipLast(10)]);
        await AssertSearchesAndRemakeAsync(queries, truth, folder);
        File.Delete(rows);
        await AssertSearchesAndRemakeAsync(queries, truth, folder);
        Assert.True(File.Exists(rows));

        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        using var database2 = new ShelfDatabase(data.Path, readOnly: true);
        using var reader = new LiteDbVectorCollection(database2, "test-model", Dimensions, saveAt: SmallSave);
        Assert.Equal(0, reader.UnsavedCount);
        Assert.Equal(1000, reader.Graphs.Sum(g => g.Count));
        AssertNearlyAll(truth, queries.Select(q => Ids(reader.Nearest(q, 10, null))));
    }

    [Fact]
    public async Task Ranges_no_graph_covers_are_read_from_the_store_while_the_writer_makes_their_graphs_a_block_at_a_time()
    {
        var records = random.Records(1000);
        var (queries, truth, folder) = await SavedAsync(records);

        // Only keys 501 to 800 keep a graph: 1 to 500 is a hole below it, 801 to 1000 lies past it.
        File.Delete(Assert.Single(Directory.GetFiles(folder, "*.usearch")));
        using (var kept = new GraphSet(folder, Dimensions, [], (_, _) => throw new InvalidOperationException("A graph of a hole grows none.")))
        {
            kept.Add([.. records.Skip(500).Take(300).Select((r, i) => (501L + i, r.Vector.ToArray()))], (501, 800), CancellationToken.None);
        }

        using (var database = new ShelfDatabase(data.Path, readOnly: true))
        using (var reader = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave))
        {
            Assert.Equal(700, reader.UnsavedCount);
            AssertNearlyAll(truth, queries.Select(q => Ids(reader.Nearest(q, 10, null))));
        }

        using var writable = new ShelfDatabase(data.Path, readOnly: false);
        using var writer = new LiteDbVectorCollection(writable, "test-model", Dimensions, saveAt: SmallSave, buildBlock: 200);
        var left = new List<long>();
        var during = new List<List<string>>();
        do
        {
            // Opening, the writer starts making the graphs; searches go on meanwhile.
            left.Add(writer.UnsavedCount);
            during.AddRange(queries.Select(q => Ids(writer.Nearest(q, 10, null))));
        }
        while (writer.UnsavedCount > 0);

        await writer.SaveGraphsAsync(); // waits for the save begun on opening
        Assert.Equal(0, writer.UnsavedCount);
        Assert.All(left, count => Assert.Contains(count, new long[] { 700, 500, 300, 200, 0 }));
        AssertNearlyAll([.. Enumerable.Repeat(truth, during.Count / truth.Count).SelectMany(t => t)], during);
        var ranges = Directory.GetFiles(folder, "*.usearch").Select(f => GraphSegment.RangeOf(f)!.Value).Order().ToList();
        Assert.Equal([(1L, 200L, true), (201, 400, true), (401, 500, true), (501, 1000, true)], ranges);
        AssertNearlyAll(truth, queries.Select(q => Ids(writer.Nearest(q, 10, null))));
    }

    [Fact]
    public async Task Searches_go_on_while_the_writer_replaces_the_growing_graph_again_and_again()
    {
        var records = random.Records(3000);
        var queries = Enumerable.Range(0, 8).Select(_ => random.Vector()).ToList();
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave);
        await collection.UpsertAsync(records.Take(SmallSave));
        using var writing = new CancellationTokenSource();
        var searching = new TaskCompletionSource();

        // Every batch of a save's worth rewrites the growing graph and closes the one it replaces, while searches run.
        var searches = Task.Run(() =>
        {
            var rounds = 0;
            do
            {
                Parallel.ForEach(queries, query => Assert.Equal(10, collection.Nearest(query, 10, null).Count));
                rounds++;
                searching.TrySetResult();
            }
            while (!writing.IsCancellationRequested);
            return rounds;
        });
        await searching.Task;
        foreach (var batch in records.Skip(SmallSave).Chunk(SmallSave))
        {
            await collection.UpsertAsync(batch);
        }

        await writing.CancelAsync();
        Assert.True(await searches > 1, "no search ran while the graphs were saved");
        Assert.True(collection.Graphs.Count >= 1);
        Assert.Equal(0, collection.UnsavedCount);
    }

    [Fact]
    public async Task A_graph_is_sealed_at_its_size_and_later_saves_leave_it_as_it_is()
    {
        const int sealAt = 250;
        var records = random.Records(1100);
        var queries = Enumerable.Range(0, 20).Select(_ => random.Vector()).ToList();
        string folder;
        Dictionary<string, byte[]> sealedBefore;
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: sealAt))
        {
            await collection.UpsertAsync(records.Take(600));
            folder = database.GraphFolder("test-model");
            Assert.Equal([250L, 250, 100], collection.Graphs.Select(g => g.Count));
            sealedBefore = collection.Graphs.Take(2).ToDictionary(g => g.Path, g => File.ReadAllBytes(g.Path));

            foreach (var batch in records.Skip(600).Chunk(SmallSave))
            {
                await collection.UpsertAsync(batch);
            }
        }

        using var reader = new ShelfDatabase(data.Path, readOnly: true);
        using var opened = new LiteDbVectorCollection(reader, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: sealAt);
        Assert.Equal(0, opened.UnsavedCount);
        Assert.Equal([250L, 250, 250, 250, 100], opened.Graphs.Select(g => g.Count));
        Assert.Equal([(1L, 250L), (251, 500), (501, 750), (751, 1000), (1001, 1100)], opened.Graphs.Select(g => (g.FirstKey, g.LastKey)));
        Assert.All(sealedBefore, graph => Assert.Equal(graph.Value, File.ReadAllBytes(graph.Key)));
        AssertNearlyAll([.. queries.Select(q => ExactTop(records, q, 10))], queries.Select(q => Ids(opened.Nearest(q, 10, null))));
        Assert.Equal(5, Directory.GetFiles(folder, "*.usearch").Length);
    }

    [Fact]
    public async Task A_graph_holding_most_of_the_nearest_is_asked_past_its_share_until_all_are_found()
    {
        // Five graphs of 250; every one of the 60 vectors near the query is stored in a row, so they all sit in the
        // third graph, whose first share of a search for 50 is far fewer than 50.
        const int sealAt = 250;
        var query = random.Vector();
        var near = Enumerable.Range(0, 60).Select(i => new ChunkVector
        {
            ChunkId = $"near-{i:D2}",
            DocumentId = "near",
            Page = 1,
            Vector = query.Zip(random.Vector(), (q, noise) => q + (0.2f * noise)).ToArray(),
        });
        var records = random.Records(1190);
        records = [.. records.Take(560), .. near, .. records.Skip(560)];
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: sealAt);
        foreach (var batch in records.Chunk(SmallSave))
        {
            await collection.UpsertAsync(batch);
        }

        await collection.SaveGraphsAsync();
        Assert.Equal(5, collection.Graphs.Count);
        var found = Ids(collection.Nearest(query, 50, null));
        Assert.All(found, id => Assert.StartsWith("near-", id, StringComparison.Ordinal));
        Assert.Equal(ExactTop(records, query, 50), found);
    }

    [Fact]
    public async Task Sealed_graphs_of_like_size_are_merged_by_the_writer_up_to_the_merged_size_and_searches_find_the_same()
    {
        const int sealAt = 250;
        var records = random.Records(1100);
        var queries = Enumerable.Range(0, 20).Select(_ => random.Vector()).ToList();
        var truth = queries.Select(q => ExactTop(records, q, 10)).ToList();
        string folder;
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: 1000))
        {
            for (var stored = SmallSave; stored <= records.Count; stored += SmallSave)
            {
                await collection.UpsertAsync(records[(stored - SmallSave)..stored]);
                var storedSoFar = records[..stored];
                AssertNearlyAll([.. queries.Select(q => ExactTop(storedSoFar, q, 10))], queries.Select(q => Ids(collection.Nearest(q, 10, null)))); // merges run meanwhile
            }

            await collection.MergesDoneAsync();
            folder = database.GraphFolder("test-model");
            Assert.Equal([(1L, 1000L), (1001, 1100)], collection.Graphs.Select(g => (g.FirstKey, g.LastKey)));
            Assert.Equal([1000L, 100], collection.Graphs.Select(g => g.Count));
        }

        Assert.Equal(2, Directory.GetFiles(folder, "*.usearch").Length);
        using var reader = new ShelfDatabase(data.Path, readOnly: true);
        using var opened = new LiteDbVectorCollection(reader, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: 1000);
        Assert.Equal(0, opened.UnsavedCount);
        AssertNearlyAll(truth, queries.Select(q => Ids(opened.Nearest(q, 10, null))));
    }

    [Fact]
    public async Task Copies_of_a_vector_are_kept_once_in_a_graph_and_a_search_finds_every_copy_of_the_best()
    {
        // 40 texts stored 25 times each, as a shelf of one form filled in 25 times: each copy's nearest neighbours are
        // its own copies, so a graph that links copies as nodes breaks into islands a search cannot leave (7 of each
        // exact ten found when this was so). The exact ten are the best text's ten copies of lowest id: only a search
        // that finds all its copies, and ranks a text above its near twin by their exact scores, returns them.
        const int sealAt = 250;
        var (texts, records) = Copies(40, 1000);
        var queries = Enumerable.Range(0, 20).Select(_ => random.Vector()).ToList();
        var truth = queries.Select(q => ExactTop(records, q, 10)).ToList();
        string folder;
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: 1000))
        {
            foreach (var batch in records.Chunk(SmallSave))
            {
                await collection.UpsertAsync(batch);
                Assert.All(collection.Graphs, graph => Assert.InRange(graph.Count, 1, texts.Count));
            }

            await collection.MergesDoneAsync();
            Assert.Equal([(1L, 1000L)], collection.Graphs.Select(g => (g.FirstKey, g.LastKey)));
            Assert.Equal(texts.Count, collection.Graphs[0].Count);
            Assert.Equal(truth, queries.Select(q => Ids(collection.Nearest(q, 10, null))));
            folder = database.GraphFolder("test-model");
        }

        using var reader = new ShelfDatabase(data.Path, readOnly: true);
        using var opened = new LiteDbVectorCollection(reader, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: 1000);
        Assert.Equal(0, opened.UnsavedCount);
        Assert.Equal(truth, queries.Select(q => Ids(opened.Nearest(q, 10, null))));
        Assert.Single(Directory.GetFiles(folder, "*.copies"));
    }

    [Fact]
    public async Task Graphs_saved_with_their_copies_as_nodes_are_made_again_by_the_writer_and_one_without_its_copies_is_not_searched()
    {
        var (_, records) = Copies(40, 1000);
        var (queries, truth, folder) = await SavedAsync(records);

        // A graph whose copies are lost is not trusted: its range is read from the store, exactly.
        File.Delete(Assert.Single(Directory.GetFiles(folder, "*.copies")));
        using (var database = new ShelfDatabase(data.Path, readOnly: true))
        using (var reader = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave))
        {
            Assert.Equal(records.Count, reader.UnsavedCount);
            Assert.Equal(truth, queries.Select(q => Ids(reader.Nearest(q, 10, null))));
        }

        // The graphs as a DocShelf that linked copies as nodes saved them, one sealed and one that grows: searched as
        // they are until the writer makes them again, the sealed one in the background and the other as it saves.
        File.Delete(Assert.Single(Directory.GetFiles(folder, "*.usearch")));
        foreach (var (first, last) in new[] { (1, 750), (751, records.Count) })
        {
            using var earlier = VectorGraph.Create(Dimensions);
            earlier.AddAll([.. records[(first - 1)..last].Select((r, i) => ((ulong)(first + i), r.Vector.ToArray()))]);
            earlier.SaveWhole(GraphSegment.EarlierPathFor(folder, first, last));
        }

        using (var database = new ShelfDatabase(data.Path, readOnly: true))
        using (var reader = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave))
        {
            Assert.Equal(0, reader.UnsavedCount);
            Assert.Equal([750L, 250], reader.Graphs.Select(g => g.Count));
        }

        using var writable = new ShelfDatabase(data.Path, readOnly: false);
        using var writer = new LiteDbVectorCollection(writable, "test-model", Dimensions, saveAt: SmallSave, sealAt: 500, mergeUpTo: 500);
        writer.Open();
        await writer.SaveGraphsAsync(); // waits for the save begun on opening
        await writer.MergesDoneAsync();
        Assert.Equal([(1L, 750L, 40L), (751, 1000, 40)], writer.Graphs.Select(g => (g.FirstKey, g.LastKey, g.Count)));
        Assert.Equal(truth, queries.Select(q => Ids(writer.Nearest(q, 10, null))));
        string[] remade = [GraphSegment.PathFor(folder, 1, 750), GraphSegment.PathFor(folder, 751, records.Count)];
        Assert.Equal(
            remade.Concat(remade.Select(GraphCopies.PathFor)).Order(StringComparer.Ordinal),
            Directory.GetFiles(folder).Where(f => !f.EndsWith(VectorRows.FileName, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Graphs_saved_before_copies_were_kept_apart_whose_vectors_are_all_distinct_are_kept_as_they_are()
    {
        const int sealAt = 250;
        var (queries, truth, folder) = await SavedUnmergedAsync(600, sealAt);
        var earlier = new Dictionary<string, byte[]>();
        foreach (var graph in Directory.GetFiles(folder, "*.usearch"))
        {
            var (first, last, _) = GraphSegment.RangeOf(graph)!.Value;
            File.Delete(GraphCopies.PathFor(graph));
            File.Move(graph, GraphSegment.EarlierPathFor(folder, first, last));
            earlier[GraphSegment.PathFor(folder, first, last)] = File.ReadAllBytes(GraphSegment.EarlierPathFor(folder, first, last));
        }

        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var writer = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: sealAt);
        writer.Open();
        await writer.SaveGraphsAsync();
        await writer.MergesDoneAsync();
        Assert.All(writer.Graphs, graph => Assert.Equal(0, graph.Copies!.Count));
        Assert.Equal(earlier.Keys.Order(StringComparer.Ordinal), Directory.GetFiles(folder, "*.usearch").Order(StringComparer.Ordinal));
        Assert.All(earlier, graph => Assert.Equal(graph.Value, File.ReadAllBytes(graph.Key)));
        AssertNearlyAll(truth, queries.Select(q => Ids(writer.Nearest(q, 10, null))));
    }

    [Fact]
    public async Task A_shelf_killed_before_a_merge_removed_its_pair_keeps_the_merged_graph_and_an_unfinished_one_is_dropped()
    {
        const int sealAt = 250;
        var (queries, truth, folder) = await SavedUnmergedAsync(600, sealAt);

        // The pair as a kill would leave it: merged and saved, but not yet removed; and a merge cut off mid-save.
        var pair = Directory.GetFiles(folder, "*.usearch").Where(f => GraphSegment.RangeOf(f)!.Value.Last <= 500).ToDictionary(f => f, File.ReadAllBytes);
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: 500))
        {
            collection.Open();
            await collection.MergesDoneAsync();
            Assert.Equal([(1L, 500L), (501, 600)], collection.Graphs.Select(g => (g.FirstKey, g.LastKey)));
        }

        pair.ToList().ForEach(file => File.WriteAllBytes(file.Key, file.Value));
        File.WriteAllBytes(GraphSegment.PathFor(folder, 1, 600) + ".partial", [1, 2, 3]);
        using (var database = new ShelfDatabase(data.Path, readOnly: true))
        using (var reader = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: 500))
        {
            Assert.Equal([(1L, 500L), (501, 600)], reader.Graphs.Select(g => (g.FirstKey, g.LastKey)));
            AssertNearlyAll(truth, queries.Select(q => Ids(reader.Nearest(q, 10, null))));
        }

        using var writable = new ShelfDatabase(data.Path, readOnly: false);
        using var writer = new LiteDbVectorCollection(writable, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: 500);
        writer.Open();
        string[] graphs = [GraphSegment.PathFor(folder, 1, 500), GraphSegment.PathFor(folder, 501, 600)];
        Assert.Equal(
            graphs.Concat(graphs.Select(GraphCopies.PathFor)).Order(StringComparer.Ordinal),
            Directory.GetFiles(folder).Where(f => !f.EndsWith(VectorRows.FileName, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        AssertNearlyAll(truth, queries.Select(q => Ids(writer.Nearest(q, 10, null))));
    }

    [Fact]
    public async Task A_damaged_merged_graph_leaves_its_range_to_the_pair_it_was_made_from()
    {
        const int sealAt = 250;
        var (queries, truth, folder) = await SavedUnmergedAsync(600, sealAt);

        // Beside the pair, a merged graph that does not open, as a kill mid-merge on a bad disk could leave it: it
        // covers the pair's range, so it is tried first.
        File.WriteAllBytes(GraphSegment.PathFor(folder, 1, 500), [.. Enumerable.Repeat((byte)7, 4096)]);

        using var database2 = new ShelfDatabase(data.Path, readOnly: true);
        using var reader = new LiteDbVectorCollection(database2, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: sealAt);
        Assert.Equal([(1L, 250L), (251, 500), (501, 600)], reader.Graphs.Select(g => (g.FirstKey, g.LastKey)));
        AssertNearlyAll(truth, queries.Select(q => Ids(reader.Nearest(q, 10, null))));
    }

    [Fact]
    public async Task A_vector_whose_ids_are_too_long_for_its_row_is_read_from_the_store_and_merged_like_the_rest()
    {
        const int sealAt = 250;
        var records = random.Records(600);
        var longId = $"doc-30/1/{new string('x', 200)}";
        records[300] = records[300] with { ChunkId = longId };
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: 500);
        foreach (var batch in records.Chunk(SmallSave))
        {
            await collection.UpsertAsync(batch);
        }

        await collection.SaveGraphsAsync();
        await collection.MergesDoneAsync();
        Assert.Equal([(1L, 500L), (501, 600)], collection.Graphs.Select(g => (g.FirstKey, g.LastKey)));
        var found = collection.Nearest(records[300].Vector.Span, 1, null);
        Assert.Equal(longId, found[0].Record.ChunkId);
        Assert.Equal(1.0, found[0].Score, 5);
    }

    [Fact]
    public void A_graph_takes_an_empty_batch_and_stops_a_cancelled_one_with_the_cancellation()
    {
        using var graph = VectorGraph.Create(Dimensions);
        graph.AddAll([]);
        Assert.Equal(0, graph.Count);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var vectors = random.Records(100).Select((r, i) => ((ulong)i + 1, r.Vector.ToArray())).ToList();
        Assert.Throws<OperationCanceledException>(() => graph.AddAll(vectors, cancelled.Token));
        graph.AddAll(vectors);
        Assert.Equal(100, graph.Count);
    }

    [Fact]
    public async Task Searches_run_side_by_side_and_find_what_they_find_one_at_a_time()
    {
        var records = random.Records(1500);
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave);
        await collection.UpsertAsync(records);
        var queries = Enumerable.Range(0, 64).Select(_ => random.Vector()).ToList();
        var alone = queries.Select(q => Ids(collection.Nearest(q, 10, null))).ToList();

        var together = new List<string>[queries.Count];
        Parallel.For(0, queries.Count, new ParallelOptions { MaxDegreeOfParallelism = 48 }, i => together[i] = Ids(collection.Nearest(queries[i], 10, null)));

        Assert.Equal(alone, together);
    }

    public void Dispose() => data.Dispose();

    /// <summary>
    /// Without a whole graph, a reader reads the range from the store and finds exactly the truth; a writer makes the
    /// graph again as it opens, and searches meanwhile and through it find nearly all of the truth.
    /// </summary>
    private async Task AssertSearchesAndRemakeAsync(List<float[]> queries, List<List<string>> truth, string folder)
    {
        using (var database = new ShelfDatabase(data.Path, readOnly: true))
        using (var reader = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave))
        {
            Assert.Equal(1000, reader.UnsavedCount);
            Assert.Equal(truth, queries.Select(q => Ids(reader.Nearest(q, 10, null))));
        }

        using var writable = new ShelfDatabase(data.Path, readOnly: false);
        using var writer = new LiteDbVectorCollection(writable, "test-model", Dimensions, saveAt: SmallSave);
        AssertNearlyAll(truth, queries.Select(q => Ids(writer.Nearest(q, 10, null)))); // the graph may be made again meanwhile
        await writer.SaveGraphsAsync();
        Assert.Equal(0, writer.UnsavedCount);
        Assert.Single(Directory.GetFiles(folder, "*.usearch"));
        AssertNearlyAll(truth, queries.Select(q => Ids(writer.Nearest(q, 10, null))));
    }

    /// <summary>
    /// Random vectors of 48 dimensions are the hardest case for a graph (real embeddings keep 98 of 100, above): of
    /// each exact top ten, at least 95 of 100 are found, and in their exact order.
    /// </summary>
    private static void AssertNearlyAll(List<List<string>> truth, IEnumerable<List<string>> found)
    {
        var results = found.ToList();
        var kept = truth.Zip(results, (t, f) => f.Count(t.Contains)).Sum();
        Assert.InRange(kept / (double)truth.Sum(t => t.Count), 0.95, 1.0);
        Assert.All(truth.Zip(results), pair => Assert.Equal(pair.First.Where(pair.Second.Contains), pair.Second.Where(pair.First.Contains)));
    }

    /// <summary>
    /// Stores <paramref name="count"/> random vectors and saves their graphs, sealed every <paramref name="sealAt"/>
    /// and left unmerged; returns twenty queries, the exact ten nearest of each, and the graphs' folder.
    /// </summary>
    private Task<(List<float[]> Queries, List<List<string>> Truth, string Folder)> SavedUnmergedAsync(int count, int sealAt) =>
        SavedAsync(random.Records(count), sealAt);

    /// <summary>
    /// Stores <paramref name="records"/> and saves their graphs, sealed every <paramref name="sealAt"/> and left
    /// unmerged; returns twenty queries, the exact ten nearest of each, and the graphs' folder.
    /// </summary>
    private async Task<(List<float[]> Queries, List<List<string>> Truth, string Folder)> SavedAsync(List<ChunkVector> records, int sealAt = GraphSet.SealAt)
    {
        var queries = Enumerable.Range(0, 20).Select(_ => random.Vector()).ToList();
        using var database = new ShelfDatabase(data.Path, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, "test-model", Dimensions, saveAt: SmallSave, sealAt: sealAt, mergeUpTo: sealAt);
        await collection.UpsertAsync(records);
        await collection.SaveGraphsAsync();
        return (queries, [.. queries.Select(q => ExactTop(records, q, 10))], database.GraphFolder("test-model"));
    }

    /// <summary>
    /// <paramref name="distinct"/> random vectors stored over and over, in turn, as <paramref name="count"/> records:
    /// pairs of texts nearly alike, whose order the graphs' 8-bit similarities can swap, as forms filled in alike.
    /// Copies tie, and a search takes those stored first; the chunk ids follow the order stored, as exact search
    /// breaks ties by chunk id.
    /// </summary>
    private (List<float[]> Texts, List<ChunkVector> Records) Copies(int distinct, int count)
    {
        var texts = Enumerable.Range(0, distinct / 2).Select(_ => random.Vector()).SelectMany(text => new[] { text, Nudged(text) }).ToList();
        return (texts, [.. random.Records(count).Select((r, i) => r with { ChunkId = $"copy-{i:D4}", Vector = texts[i % distinct] })]);
    }

    private static List<string> ExactTop(List<ChunkVector> records, float[] query, int top) =>
        [.. records.OrderByDescending(r => RandomVectors.Cosine(query, r.Vector.ToArray())).ThenBy(r => r.ChunkId, StringComparer.Ordinal).Take(top).Select(r => r.ChunkId)];

    private static List<string> Ids(List<(ChunkVector Record, float Score)> found) => [.. found.Select(f => f.Record.ChunkId)];

    /// <summary>A vector a hair away from <paramref name="vector"/>, a cosine of about 0.999, with a print of its own.</summary>
    private float[] Nudged(float[] vector) => [.. vector.Zip(random.Vector(), (v, noise) => v + (0.03f * noise))];

    private static float[] Opposite(float[] vector) => [.. vector.Select(v => -v)];
}
