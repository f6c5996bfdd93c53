using DocShelf.Fixtures;
using DocShelf.Fixtures.Benchmarks;
using DocShelf.Models.Library;
using DocShelf.Search.Evaluation;

namespace DocShelf.Benchmarks;

/// <summary>
/// (s) What a shelf costs on disk beside its originals: papers typeset by pdfTeX (the kind issue 31 measured), the
/// papers the other benchmarks draw, and scans, each ingested into a data folder of its own, measured part by part by
/// walking the folders (so any DocShelf's folder can be measured the same way: set DOCSHELF_BENCH_CLI to another
/// build's docshelf.dll), with Recoll's index of the same born-digital files beside them.
/// </summary>
public static class FootprintBenchmark
{
    private static readonly string[] Parts = ["shelf.db", "lexical", "vector-graphs", "sentences", "page-sources", "pages"];

    /// <param name="squad">A SQuAD file whose paragraphs, each used once, are the typeset papers' text; null for the sample prose, which repeats.</param>
    public static async Task<string> RunAsync(string workFolder, int papers, int pagesEach, int scans, string? squad = null)
    {
        var rows = new List<string>();
        if (TypesetPapers.CanTypeset)
        {
            var paragraphs = squad is null ? SampleTexts.AllPages() : SquadSet.Load(squad).Paragraphs.Select(p => p.Context).ToList();
            rows.Add(await MeasureAsync(workFolder, "typeset", "born-digital, typeset by pdfTeX", TypesetPapers.Write(Path.Combine(workFolder, "typeset"), papers, paragraphs)));
        }

        rows.Add(await MeasureAsync(workFolder, "papers", "born-digital, drawn by the fixtures", BenchmarkShelves.Papers(Path.Combine(workFolder, "papers"), papers, pagesEach)));
        rows.Add(await MeasureAsync(workFolder, "scans", "scanned", BenchmarkShelves.Scans(Path.Combine(workFolder, "scans"), scans)));
        return $"""
            ### (s) The data folder beside the originals

            {papers} two-column born-digital papers typeset by pdfTeX ({(squad is null ? "the sample prose" : $"the paragraphs of {Path.GetFileName(squad)}, each used once")};
            {(TypesetPapers.CanTypeset ? "" : "pdflatex is not installed, so not measured; ")}`./build.sh bench` installs texlive-latex-base), {papers} papers of
            {pagesEach} pages drawn by the fixtures, and {scans} single-page scans (PNG), each set ingested with `docshelf ingest`
            and the built-in model into a data folder of its own. Bytes per page (leaving out the built-in model's compiled
            graph, some 86 MB in each data folder whatever its size), and Recoll's index of the same files:

            | pages | originals | data folder | times the originals | store | lexical index | chunk vectors' graphs and rows, sentence table | sentence vectors | page sources | page images | chunks a page | Recoll's index, times the originals |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
            {string.Join(Environment.NewLine, rows)}

            """;
    }

    private static async Task<string> MeasureAsync(string workFolder, string name, string kind, IReadOnlyList<string> files)
    {
        var data = Path.Combine(workFolder, $"{name}-data");
        var inbox = Path.GetDirectoryName(files[0])!;
        var (_, report) = await Measure.ChosenDocShelfCaptureAsync("--data", data, "ingest", inbox, "--json");
        var (pages, chunks) = Counted(report);
        var originals = files.Sum(f => new FileInfo(f).Length);
        // The model's compiled graph is a cost of each data folder, whatever it holds, not of its pages.
        var total = Bytes(data) - Bytes(Path.Combine(data, ModelLibrary.FolderName, CompiledGraphs.FolderName));
        var parts = Parts.Select(part => Bytes(Path.Combine(data, part)) / (double)pages / 1024.0);
        var recoll = Recoll.IsInstalled ? $"{await RecollIndexBytesAsync(workFolder, name, inbox) / (double)originals:0.00}" : "not installed";
        return $"| {kind}, {pages} | {originals / (double)pages / 1024.0:0.0} KB | {total / (double)pages / 1024.0:0.0} KB | **{total / (double)originals:0.00}** | " +
               $"{string.Join(" | ", parts.Select(p => $"{p:0.0} KB"))} | {chunks / (double)pages:0.0} | {recoll} |";
    }

    private static async Task<long> RecollIndexBytesAsync(string workFolder, string name, string folder)
    {
        var configuration = Path.Combine(workFolder, $"{name}-recoll");
        await Recoll.IndexAsync(configuration, folder);
        return Bytes(Path.Combine(configuration, "xapiandb"));
    }

    /// <summary>The pages and chunks `docshelf ingest --json` reports.</summary>
    private static (int Pages, int Chunks) Counted(string report)
    {
        using var json = System.Text.Json.JsonDocument.Parse(report);
        return (json.RootElement.GetProperty("pages").GetInt32(), json.RootElement.GetProperty("chunks").GetInt32());
    }

    private static long Bytes(string path) =>
        File.Exists(path) ? new FileInfo(path).Length
        : Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
        : 0;
}
