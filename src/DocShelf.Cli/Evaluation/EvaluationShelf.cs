using DocShelf.Cli.Semantics;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Models.Library;
using DocShelf.Ocr.Tesseract;
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

    public static async Task IngestAsync(Shelf shelf, IReadOnlyList<string> paths, bool quiet, CancellationToken cancellationToken)
    {
        var options = new IngestionOptions();
        using var ocr = new TesseractEnginePool(options.OcrLanguages);
        using var pipeline = new IngestionPipeline(shelf.Writer!, ocr, options);
        var runner = new IngestionRunner(shelf, pipeline, options, Path.Combine(shelf.DataDirectory, "tmp"));
        if (!quiet)
        {
            Console.Error.WriteLine($"Reading {paths.Count} paragraphs into the evaluation shelf…");
        }

        await runner.RunAsync(paths, SilentObserver.Instance, cancellationToken);
    }

    /// <summary>
    /// Connects the shelf to the embedding model in use in <paramref name="library"/>, if any, and embeds every chunk
    /// with it; null for a lexical-only evaluation. The caller disposes the index and its generator.
    /// </summary>
    public static async Task<SemanticIndex?> EmbedAsync(Shelf shelf, ModelLibrary library, CancellationToken cancellationToken)
    {
        var semantic = SemanticSetup.Attach(shelf, library);
        if (semantic is not null)
        {
            await new ChunkEmbedder(shelf.Store, semantic).CatchUpAsync(null, cancellationToken);
        }

        return semantic;
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
