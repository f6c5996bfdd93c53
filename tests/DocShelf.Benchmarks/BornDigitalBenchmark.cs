using DocShelf.Fixtures.Benchmarks;

namespace DocShelf.Benchmarks;

/// <summary>(b) Born-digital PDF pages per second: the text layer is read, judged good, chunked and indexed.</summary>
public static class BornDigitalBenchmark
{
    public static async Task<string> RunAsync(string workFolder, int pages)
    {
        var pdf = BenchmarkShelves.BornDigital(Path.Combine(workFolder, "born-digital"), pages)[0];
        var elapsed = await Measure.DocShelfAsync("--data", Path.Combine(workFolder, "born-digital-data"), "ingest", pdf, "--json");
        return $"""
            ### (b) Born-digital PDF

            | pages | wall time (`docshelf ingest`, process start included) | pages per second |
            | ---: | ---: | ---: |
            | {pages} | {elapsed.TotalSeconds:0.00} s | **{pages / elapsed.TotalSeconds:0}** |

            {PageSourceCost.Line(Path.Combine(workFolder, "born-digital-data"), elapsed)}

            """;
    }
}
