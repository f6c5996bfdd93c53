using DocShelf.Fixtures.Benchmarks;

namespace DocShelf.Benchmarks;

/// <summary>
/// (a) DocShelf ingesting scanned 300-dpi pages against the summed time of the plain `tesseract` command on the
/// same images, run one after another, in one run on the same machine.
/// </summary>
public static class OcrThroughputBenchmark
{
    public static async Task<string> RunAsync(string workFolder, int pages)
    {
        var scans = BenchmarkShelves.Scans(Path.Combine(workFolder, "scans"), pages);
        var outputBase = Path.Combine(workFolder, "tesseract-out");

        var rawDefault = TimeSpan.Zero;
        var rawSingleThread = TimeSpan.Zero;
        foreach (var scan in scans)
        {
            rawDefault += await Measure.RunAsync("tesseract", [scan, outputBase, "-l", "eng", "tsv"]);
            rawSingleThread += await Measure.RunAsync("tesseract", [scan, outputBase, "-l", "eng", "tsv"], new Dictionary<string, string> { ["OMP_THREAD_LIMIT"] = "1" });
        }

        var docShelf = await Measure.DocShelfAsync("--data", Path.Combine(workFolder, "ocr-data"), "ingest", Path.Combine(workFolder, "scans"), "--json");

        // The same scans onto a shelf already in use, as an office adds them: its writer has opened the model before
        // and saved its compiled graph, which a new data folder's first ingest does as it reads.
        var inUse = Path.Combine(workFolder, "ocr-in-use");
        await Measure.DocShelfAsync("--data", inUse, "ingest", Directory.CreateDirectory(Path.Combine(workFolder, "nothing-yet")).FullName);
        var onShelfInUse = await Measure.DocShelfAsync("--data", inUse, "ingest", Path.Combine(workFolder, "scans"), "--json");
        return $"""
            ### (a) OCR of {pages} scanned 300-dpi pages

            | run | wall time | per page | a new shelf's ingest ÷ this | a shelf in use ÷ this |
            | --- | ---: | ---: | ---: | ---: |
            | `tesseract PAGE out -l eng tsv`, one page after another (Debian defaults, OpenMP on) | {rawDefault.TotalSeconds:0.0} s | {rawDefault.TotalSeconds / pages:0.00} s | **{docShelf / rawDefault:0.00}** | {onShelfInUse / rawDefault:0.00} |
            | the same with `OMP_THREAD_LIMIT=1` | {rawSingleThread.TotalSeconds:0.0} s | {rawSingleThread.TotalSeconds / pages:0.00} s | {docShelf / rawSingleThread:0.00} | **{onShelfInUse / rawSingleThread:0.00}** |
            | `docshelf ingest` on a new data folder (whole run: hashing, OCR, chunking, store, index, embedding) | {docShelf.TotalSeconds:0.0} s | {docShelf.TotalSeconds / pages:0.00} s | 1.00 | |
            | `docshelf ingest` on a shelf in use | {onShelfInUse.TotalSeconds:0.0} s | {onShelfInUse.TotalSeconds / pages:0.00} s | | 1.00 |

            {PageSourceCost.Line(Path.Combine(workFolder, "ocr-data"), docShelf)}

            """;
    }
}
