using DocShelf.Fixtures.Benchmarks;

namespace DocShelf.Benchmarks;

/// <summary>
/// (s) What a shelf costs on disk beside its originals: born-digital two-column papers and scans, each ingested into
/// a data folder of its own, measured part by part by walking the folders (so any DocShelf's folder can be measured
/// the same way: set DOCSHELF_BENCH_CLI to another build's docshelf.dll).
/// </summary>
public static class FootprintBenchmark
{
    private static readonly string[] Parts = ["shelf.db", "lexical", "vector-graphs", "sentences", "page-sources", "pages"];

    public static async Task<string> RunAsync(string workFolder, int papers, int pagesEach, int scans)
    {
        var rows = new List<string>
        {
            await MeasureAsync(workFolder, "born-digital", BenchmarkShelves.Papers(Path.Combine(workFolder, "papers"), papers, pagesEach), papers * pagesEach),
            await MeasureAsync(workFolder, "scanned", BenchmarkShelves.Scans(Path.Combine(workFolder, "scans"), scans), scans),
        };
        return $"""
            ### (s) The data folder beside the originals

            {papers} two-column born-digital papers of {pagesEach} pages, and {scans} single-page scans (PNG), each set
            ingested with `docshelf ingest` and the built-in model into a data folder of its own. Bytes per page:

            | pages | originals | data folder | times the originals | store | lexical index | chunk vectors' graphs and rows, sentence table | sentence vectors | page sources | page images |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
            {string.Join(Environment.NewLine, rows)}

            """;
    }

    private static async Task<string> MeasureAsync(string workFolder, string kind, IReadOnlyList<string> files, int pages)
    {
        var data = Path.Combine(workFolder, $"{kind}-data");
        var inbox = Path.GetDirectoryName(files[0])!;
        await Measure.ChosenDocShelfAsync("--data", data, "ingest", inbox, "--json");
        var originals = files.Sum(f => new FileInfo(f).Length);
        var total = Bytes(data);
        var parts = Parts.Select(part => Bytes(Path.Combine(data, part)) / pages / 1024.0);
        return $"| {kind}, {pages} | {originals / pages / 1024.0:0.0} KB | {total / pages / 1024.0:0.0} KB | **{total / (double)originals:0.00}** | {string.Join(" | ", parts.Select(p => $"{p:0.0} KB"))} |";
    }

    private static long Bytes(string path) =>
        File.Exists(path) ? new FileInfo(path).Length
        : Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
        : 0;
}
