using DocShelf.Cli.Composition;
using DocShelf.Cli.Settings;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Models.Library;
using DocShelf.Rendering;
using DocShelf.Search;
using DocShelf.Search.Evaluation;
using DocShelf.Search.Semantic;

namespace DocShelf.Cli.Evaluation;

/// <summary>The shelf `docshelf eval` builds from a SQuAD file: every paragraph one document, as text or as a scanned-looking page.</summary>
public static class EvaluationShelf
{
    /// <summary>One document per paragraph in <paramref name="workFolder"/>, made once and reused by later runs.</summary>
    public static List<string> MakeDocuments(SquadSet set, string workFolder, bool render, bool quiet) =>
        render ? RenderDocuments(set, Path.Combine(workFolder, "scans"), quiet) : WriteDocuments(set, Path.Combine(workFolder, "documents"));

    /// <summary>
    /// The evaluation shelf in <paramref name="dataDirectory"/>, searching with the embedding model in use in
    /// <paramref name="library"/> (which may be another data folder's) and the fusion <paramref name="settings"/> give.
    /// </summary>
    public static Shelf Open(string dataDirectory, ModelLibrary library, ShelfSettings? settings = null) =>
        Shelf.OpenForWriting(dataDirectory, search: ShelfComposition.Search(settings ?? new ShelfSettings(), library));

    public static async Task IngestAsync(Shelf shelf, IReadOnlyList<string> paths, bool quiet, CancellationToken cancellationToken)
    {
        using var chain = IngestionChain.Create(shelf, new IngestionOptions());
        if (!quiet)
        {
            Console.Error.WriteLine($"Reading {paths.Count} paragraphs into the evaluation shelf…");
        }

        await chain.Runner.RunAsync(paths, SilentObserver.Instance, cancellationToken);
    }

    /// <summary>Embeds every chunk with the shelf's embedding model, if it has one; returns that model's index, or null.</summary>
    public static async Task<SemanticIndex?> EmbedAsync(Shelf shelf, CancellationToken cancellationToken)
    {
        if (shelf.Searcher.Semantic is { } semantic)
        {
            await new ChunkEmbedder(shelf.Store, semantic).CatchUpAsync(null, cancellationToken);
            await semantic.SaveGraphsAsync(cancellationToken);
        }

        return shelf.Searcher.Semantic;
    }

    /// <summary>A fixed random sample of <paramref name="items"/>, the same on every run, or all of them.</summary>
    public static List<T> Sample<T>(List<T> items, int? sample)
    {
        if (sample is not { } count || count >= items.Count)
        {
            return items;
        }

        var shuffled = items.ToArray();
        new Random(20261124).Shuffle(shuffled);
        return [.. shuffled.Take(count)];
    }

    private static List<string> WriteDocuments(SquadSet set, string folder)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>(set.Paragraphs.Count);
        for (var i = 0; i < set.Paragraphs.Count; i++)
        {
            var path = Path.Combine(folder, $"paragraph-{i + 1:00000}.txt");
            if (!File.Exists(path))
            {
                File.WriteAllText(path, set.Paragraphs[i].DocumentText);
            }

            paths.Add(path);
        }

        return paths;
    }

    /// <summary>Each paragraph as a page image, as an office scanner would give it: skewed a little, with specks.</summary>
    private static List<string> RenderDocuments(SquadSet set, string folder, bool quiet)
    {
        Directory.CreateDirectory(folder);
        var paths = set.Paragraphs.Select((_, i) => Path.Combine(folder, $"paragraph-{i + 1:00000}.png")).ToList();
        var done = 0;

        // One page per core: each 300-dpi page is tens of megabytes, and with the thread pool free to add threads
        // while pages render, a busy machine once saw hundreds at once and ran out of memory.
        var oneEach = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, paths.Count, oneEach, i =>
        {
            if (!File.Exists(paths[i]))
            {
                using var page = PageRasteriser.RenderFitted(set.Paragraphs[i].DocumentText, ScanStyle.Office(i));
                ImageWriter.WritePng(paths[i] + ".tmp", page);
                File.Move(paths[i] + ".tmp", paths[i]);
            }

            if (Interlocked.Increment(ref done) % 100 == 0 && !quiet)
            {
                Console.Error.WriteLine($"Rendered {done} of {paths.Count} pages");
            }
        });
        return paths;
    }
}
