using DocShelf.Benchmarks;

// Prints the benchmark figures as Markdown, ready for docs/benchmarks.md.
var work = Path.GetFullPath(args.Length > 0 ? args[0] : "bench-out");
var only = args.Length > 1 ? args[1] : "all"; // "service" runs only the service benchmark
if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}

Directory.CreateDirectory(work);
Console.WriteLine($"## Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores");
Console.WriteLine();
if (only == "all")
{
    Console.WriteLine(await OcrThroughputBenchmark.RunAsync(work, pages: 24));
    Console.WriteLine(await BornDigitalBenchmark.RunAsync(work, pages: 500));
    Console.WriteLine(await SearchLatencyBenchmark.RunAsync(work, files: 1000, queryCount: 1000));
}

Console.WriteLine(await ServiceBenchmark.RunAsync(work));
return 0;
