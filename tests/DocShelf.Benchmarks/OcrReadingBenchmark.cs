using System.Diagnostics;
using DocShelf.Fixtures.Layouts;
using DocShelf.Fixtures.Testing;
using DocShelf.Ocr.Tesseract;

namespace DocShelf.Benchmarks;

/// <summary>
/// (k) How well and how fast pages as archives hold them are read: in-order word accuracy and seconds per page for
/// DocShelf, the plain <c>tesseract</c> command and <c>ocrmypdf --rotate-pages --deskew</c> on the same generated
/// pages (one to three columns, turned, skewed), with DocShelf's straightening switched off piece by piece to show
/// what each piece buys and costs. All OCR runs single-threaded (<c>OMP_THREAD_LIMIT=1</c>), as DocShelf runs it.
/// </summary>
public static class OcrReadingBenchmark
{
    private const int ThroughputRounds = 5;

    private static readonly Dictionary<string, string> SingleThread = new() { ["OMP_THREAD_LIMIT"] = "1" };

    private static readonly (string Name, OcrOptions Options)[] Variants =
    [
        ("DocShelf", OcrOptions.Default),
        ("DocShelf, no deskew", new OcrOptions { Deskew = false }),
        ("DocShelf, no straightening", new OcrOptions { Deskew = false, DetectOrientation = false }),
    ];

    public static async Task<string> RunAsync(string workFolder, int pages)
    {
        var folder = Path.Combine(workFolder, "archive");
        var images = ArchivePages.WriteMixed(folder, pages);
        var engines = Variants.Select(v => (v.Name, Engine: new TesseractEngine("eng", options: v.Options))).ToList();
        try
        {
            // A fresh engine's first page pays for loading its models; ingestion pays that once per worker, not per page.
            engines.ForEach(e => e.Engine.Recognise(images[0], 0, 1));
            var readings = new List<Reading>();
            foreach (var image in images)
            {
                readings.AddRange(await ReadEveryWayAsync(image, Path.Combine(folder, "out"), engines));
            }

            var upright = await UprightCostAsync(images.Where(i => ArchivePages.KindOf(i) == ArchivePageKind.SingleColumn).ToList());
            var throughput = await ThroughputAsync(images, folder);
            return OcrReadingReport.Format(pages, readings, upright, throughput);
        }
        finally
        {
            engines.ForEach(e => e.Engine.Dispose());
        }
    }

    /// <summary>
    /// Rounds of the command on every page one after another (single-threaded), the same two pages at a time, and
    /// `docshelf ingest` of the folder into a fresh shelf, so all three see the same machine load. The machine is
    /// shared, and its speed drifts by a quarter from minute to minute, so there are five rounds and the report
    /// gives their median as well as their sum.
    /// </summary>
    private static async Task<IReadOnlyList<ThroughputRound>> ThroughputAsync(IReadOnlyList<string> images, string folder)
    {
        var rounds = new List<ThroughputRound>();
        for (var round = 1; round <= ThroughputRounds; round++)
        {
            var (singleThread, singleThreadCpu) = await TimeChildAsync(async () =>
            {
                foreach (var image in images)
                {
                    await Measure.CaptureAsync("tesseract", [image, "-"], SingleThread);
                }
            });
            var (twoAtATime, _) = await TimeChildAsync(() => TwoAtATimeAsync(images));
            var data = Path.Combine(folder, $"data-{round}");
            var (ingest, ingestCpu) = await TimeChildAsync(() => Measure.DocShelfAsync("--data", data, "ingest", Path.Combine(folder, "pages"), "--json"));
            rounds.Add(new ThroughputRound(singleThread, singleThreadCpu, twoAtATime, ingest, ingestCpu));
        }

        return rounds;
    }

    /// <summary>
    /// Two single-threaded commands at once, each taking the next page when it finishes one: what this machine's two
    /// cores give Tesseract at best, since cores that share a host seldom run twice as fast as one.
    /// </summary>
    private static Task TwoAtATimeAsync(IReadOnlyList<string> images)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < images.Count; i = Interlocked.Increment(ref next))
            {
                await Measure.CaptureAsync("tesseract", [images[i], "-"], SingleThread);
            }
        })));
    }

    /// <summary>Wall seconds and the processor seconds of the child processes <paramref name="run"/> started.</summary>
    private static async Task<(double Wall, double Cpu)> TimeChildAsync(Func<Task> run)
    {
        var cpu = CpuTime.OfChildren();
        var clock = Stopwatch.StartNew();
        await run();
        return (clock.Elapsed.TotalSeconds, (CpuTime.OfChildren() - cpu).TotalSeconds);
    }

    private static async Task<IReadOnlyList<Reading>> ReadEveryWayAsync(string image, string outFolder, IReadOnlyList<(string Name, TesseractEngine Engine)> engines)
    {
        Directory.CreateDirectory(outFolder);
        var truth = File.ReadAllText(ArchivePages.TruthOf(image));
        var kind = ArchivePages.KindOf(image).Name;
        var readings = new List<Reading>();

        var (cliTime, cliText) = await Measure.CaptureAsync("tesseract", [image, "-"], SingleThread);
        readings.Add(new Reading(kind, "tesseract", WordAccuracy.Of(truth, cliText), cliTime.TotalSeconds));

        var sidecar = Path.Combine(outFolder, "sidecar.txt");
        var (ocrmypdfTime, _) = await Measure.CaptureAsync(
            "ocrmypdf", ["--rotate-pages", "--deskew", "--jobs", "1", "--quiet", "--sidecar", sidecar, image, Path.Combine(outFolder, "ocrmypdf.pdf")], SingleThread);
        readings.Add(new Reading(kind, "ocrmypdf", WordAccuracy.Of(truth, File.ReadAllText(sidecar)), ocrmypdfTime.TotalSeconds));

        foreach (var (name, engine) in engines)
        {
            var clock = Stopwatch.StartNew();
            var page = engine.Recognise(image, 0, 1);
            readings.Add(new Reading(kind, name, WordAccuracy.Of(truth, page.Text), clock.Elapsed.TotalSeconds, page.Geometry));
        }

        return readings;
    }

    /// <summary>
    /// Upright single-column pages read by the command and by DocShelf's engine, alternately, three times each;
    /// the medians' ratio is what straightening costs on the pages that need none, in wall and processor time.
    /// </summary>
    private static async Task<UprightCost> UprightCostAsync(IReadOnlyList<string> images)
    {
        using var straightening = new TesseractEngine("eng");
        using var plain = new TesseractEngine("eng", options: new OcrOptions { Deskew = false, DetectOrientation = false });
        var command = new List<(double, double)>();
        var docShelf = new List<(double, double)>();
        var unstraightened = new List<(double, double)>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var image in images)
            {
                command.Add(await TimeChildAsync(() => Measure.CaptureAsync("tesseract", [image, "-"], SingleThread)));
                docShelf.Add(Time(() => straightening.Recognise(image, 0, 1)));
                unstraightened.Add(Time(() => plain.Recognise(image, 0, 1)));
            }
        }

        return new UprightCost(images.Count, Median(command), Median(docShelf), Median(unstraightened));
    }

    /// <summary>Wall and processor seconds of work done on this thread.</summary>
    private static (double Wall, double Cpu) Time(Action action)
    {
        var cpu = CpuTime.OfThisThread();
        var clock = Stopwatch.StartNew();
        action();
        return (clock.Elapsed.TotalSeconds, (CpuTime.OfThisThread() - cpu).TotalSeconds);
    }

    private static (double Wall, double Cpu) Median(List<(double Wall, double Cpu)> samples)
    {
        var walls = samples.Select(s => s.Wall).Order().ToList();
        var cpus = samples.Select(s => s.Cpu).Order().ToList();
        return (walls[walls.Count / 2], cpus[cpus.Count / 2]);
    }
}
