using System.Diagnostics;
using System.Globalization;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;

namespace DocShelf.Benchmarks;

/// <summary>
/// (r) Making a collection's vector graphs and rows again after they were deleted, as the writer does on opening a
/// shelf that lost them or was upgraded: the time it takes and the most memory it holds, in a process of its own so
/// that nothing else is counted.
/// </summary>
public static class GraphRebuildBenchmark
{
    public const string ChildName = "graph-rebuild-child";
    private const string Collection = "bench-rebuild";

    public static async Task<string> RunAsync(string workFolder, int count, int dimensions)
    {
        var data = Path.Combine(workFolder, "rebuild");
        if (!File.Exists(Path.Combine(data, "shelf.db")))
        {
            await FillAsync(data, count, dimensions);
        }

        using (var database = new ShelfDatabase(data, readOnly: false))
        {
            // A run before this one made them: made again from nothing each time.
            var folder = database.GraphFolder(Collection);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var (elapsed, output) = await Measure.CaptureAsync(
            "dotnet", [typeof(GraphRebuildBenchmark).Assembly.Location, workFolder, ChildName, dimensions.ToString(CultureInfo.InvariantCulture)]);
        return $"""
            ### (r) Making the vector graphs again

            {count:N0} vectors of {dimensions} dimensions in one collection at full precision (each near one of 1,000 random
            centres, as embeddings of related text gather), stored without graphs, then given their graphs and rows by a
            writer in a new process ({elapsed.TotalSeconds:0} s with the process's start):

            {output.Trim()}

            """;
    }

    /// <summary>The child's part: opens the collection as the writer does, waits for its graphs, and says what it took.</summary>
    public static async Task<int> ChildAsync(string workFolder, int dimensions)
    {
        var clock = Stopwatch.StartNew();
        using var database = new ShelfDatabase(Path.Combine(workFolder, "rebuild"), readOnly: false);
        using var collection = new LiteDbVectorCollection(database, Collection, dimensions);
        var waiting = collection.UnsavedCount;
        await collection.SaveGraphsAsync();
        clock.Stop();
        var graphBytes = Directory.EnumerateFiles(database.GraphFolder(Collection)).Sum(f => new FileInfo(f).Length);
        Console.WriteLine("| vectors without graphs | time | peak resident memory | graphs and rows |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {waiting:N0} | {clock.Elapsed.TotalSeconds:0} s | {Measure.ResidentBytes(Environment.ProcessId, "VmHWM") / 1e9:0.00} GB | {graphBytes / 1e9:0.00} GB |");
        return 0;
    }

    private static async Task FillAsync(string data, int count, int dimensions)
    {
        Directory.CreateDirectory(data);
        var random = new Random(42);
        var centres = Enumerable.Range(0, 1000).Select(_ => RandomVector(random, dimensions, null)).ToList();
        using var database = new ShelfDatabase(data, readOnly: false);
        using var collection = new LiteDbVectorCollection(database, Collection, dimensions, saveAt: int.MaxValue); // stored only: no graph yet
        for (var start = 0; start < count; start += 8192)
        {
            var batch = Enumerable.Range(start, Math.Min(8192, count - start)).Select(i => new ChunkVector
            {
                ChunkId = $"d{i / 10}/1/{i % 10}",
                DocumentId = $"d{i / 10}",
                Page = 1,
                Vector = RandomVector(random, dimensions, centres[random.Next(centres.Count)]),
            });
            await collection.UpsertAsync(batch);
        }
    }

    /// <summary>A random vector, or one a short way from <paramref name="centre"/> in a random direction.</summary>
    private static float[] RandomVector(Random random, int dimensions, float[]? centre)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            var noise = (float)((random.NextDouble() * 2) - 1);
            vector[i] = centre is null ? noise : centre[i] + (0.4f * noise);
        }

        return vector;
    }
}
