using DocShelf.Benchmarks;

// Prints the benchmark figures as Markdown, ready for docs/benchmarks.md.
var work = Path.GetFullPath(args.Length > 0 ? args[0] : "bench-out");
var only = args.Length > 1 ? args[1] : "all"; // "ocr", "pages", "service", "web", "typeahead", "typeahead-archive", "embedding", "vectors", "graph-rebuild", "footprint", "cold", "genai", "gguf", "concurrent", "backup", "formats", "workers" or "archive" runs only that benchmark; "graph-recall" measures the shelf whose data folder is the third argument; "cold" and "footprint" with a SQuAD file as the third argument make their papers of that file's paragraphs, each used once
if (only == GraphRebuildBenchmark.ChildName)
{
    return await GraphRebuildBenchmark.ChildAsync(work, int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}

// (v) A shelf made elsewhere searched by meaning against exact search over its store: its chunk vectors' graphs, and
// the search whole with its sentences. Its data folder, the third argument, is only read. The queries are 50 of a few
// random words, or, given a SQuAD file as the fourth argument, 200 of its questions (for the shelf `docshelf eval`
// made from it).
if (only == "graph-recall")
{
    var data = Path.GetFullPath(args.Length > 2 ? args[2] : throw new ArgumentException("graph-recall needs the data folder of the shelf to measure, as its third argument."));
    var (kind, queries) = args.Length > 3 ? ("questions", GraphRecall.Questions(args[3], 200)) : ("random words", SearchLatencyBenchmark.Queries(50));
    var (chunks, sentences) = await GraphRecall.MeasureAsync(data, queries);
    Console.WriteLine($"| {data} | {queries.Count} {kind} | {chunks:0.000} | {sentences:0.000} |");
    return 0;
}

// DOCSHELF_BENCH_REUSE=1 keeps the work folder, so a shelf an earlier run ingested is searched again instead of
// being ingested anew: for trying one benchmark again quickly. Figures for the docs come from a fresh folder.
if (Directory.Exists(work) && Environment.GetEnvironmentVariable("DOCSHELF_BENCH_REUSE") != "1")
{
    Directory.Delete(work, recursive: true);
}

Directory.CreateDirectory(work);
Console.WriteLine($"## Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores");
Console.WriteLine();
if (only is "all" or "ocr" or "pages")
{
    Console.WriteLine(await OcrThroughputBenchmark.RunAsync(work, pages: 24));
}

if (only is "all" or "pages")
{
    Console.WriteLine(await BornDigitalBenchmark.RunAsync(work, pages: 500));
}

if (only == "all")
{
    Console.WriteLine(await SearchLatencyBenchmark.RunAsync(work, files: 1000, queryCount: 1000));
}

if (only is "all" or "ocr")
{
    Console.WriteLine(await OcrReadingBenchmark.RunAsync(work, pages: 24));
}

if (only is "all" or "workers")
{
    Console.WriteLine(await WorkersBenchmark.RunAsync(work, scans: 60));
}

if (only is "all" or "service")
{
    Console.WriteLine(await ServiceBenchmark.RunAsync(work));
}

if (only is "all" or "web")
{
    Console.WriteLine(await WebLoadBenchmark.RunAsync(work, files: 1000, clients: 20, TimeSpan.FromSeconds(60)));
}

if (only is "all" or "typeahead")
{
    Console.WriteLine(await TypeAheadBenchmark.RunAsync(work, files: 1000, queries: 24));
}

if (only is "all" or "typeahead-archive")
{
    Console.WriteLine(await TypeAheadBenchmark.ArchiveAsync(work, queries: 24));
}

if (only is "all" or "concurrent")
{
    Console.WriteLine(await ConcurrentReadBenchmark.RunAsync(work, textFiles: 100, scans: 80));
}

if (only is "all" or "formats")
{
    Console.WriteLine(await FormatReadingBenchmark.RunAsync(work, copies: 12));
}

if (only is "all" or "backup")
{
    Console.WriteLine(await BackupBenchmark.RunAsync(work, files: 1000, scans: 40));
}

if (only is "all" or "archive")
{
    // The sizes can be named (chunks, comma-separated). A million takes about an hour on two cores and 25 GB of disk,
    // so only `archive` asked for by name makes it; the whole set stops at 100,000.
    List<int> sizes = args.Length > 2
        ? [.. args[2].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]
        : only == "archive" ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
    Console.WriteLine(await ArchiveScaleBenchmark.RunAsync(work, sizes, queryCount: 200));
}

if (only is "all" or "embedding")
{
    Console.WriteLine(await EmbeddingBenchmark.RunAsync(chunks: 512));
    Console.WriteLine(await EmbeddingBenchmark.LongTextAsync());
}

if (only is "all" or "vectors")
{
    Console.WriteLine(await VectorSearchBenchmark.RunAsync(work, count: 100_000, dimensions: 384, queries: 200));
}

if (only is "all" or "graph-rebuild")
{
    Console.WriteLine(await GraphRebuildBenchmark.RunAsync(work, count: 400_000, dimensions: 384));
}

if (only is "all" or "footprint")
{
    Console.WriteLine(await FootprintBenchmark.RunAsync(work, papers: 98, pagesEach: 6, scans: 40, squad: only == "footprint" && args.Length > 2 ? args[2] : null));
}

if (only is "all" or "cold")
{
    Console.WriteLine(await ColdCommandBenchmark.RunAsync(work, papers: 98, pagesEach: 6, runs: 9, squad: only == "cold" && args.Length > 2 ? args[2] : null));
}

if (only is "all" or "genai")
{
    Console.WriteLine(await GenAiGenerationBenchmark.RunAsync(work));
}

if (only is "all" or "gguf")
{
    Console.WriteLine(await GgufGenerationBenchmark.RunAsync(work));
}

return 0;
