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
        var readings = new List<Reading>();
        foreach (var image in images)
        {
            readings.AddRange(await ReadEveryWayAsync(image, Path.Combine(folder, "out")));
        }

        var upright = await UprightCostAsync(images.Where(i => ArchivePages.KindOf(i) == ArchivePageKind.SingleColumn).ToList());
        var ingest = await Measure.DocShelfAsync("--data", Path.Combine(folder, "data"), "ingest", Path.Combine(folder, "pages"), "--json");
        var sequential = readings.Where(r => r.Reader == "tesseract").Sum(r => r.Seconds);
        return OcrReadingReport.Format(pages, readings, upright, ingest.TotalSeconds, sequential);
    }

    private static async Task<IReadOnlyList<Reading>> ReadEveryWayAsync(string image, string outFolder)
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

        foreach (var (name, options) in Variants)
        {
            using var engine = new TesseractEngine("eng", options: options);
            var clock = Stopwatch.StartNew();
            var page = engine.Recognise(image, 0, 1);
            readings.Add(new Reading(kind, name, WordAccuracy.Of(truth, page.Text), clock.Elapsed.TotalSeconds, page.Geometry));
        }

        return readings;
    }

    /// <summary>
    /// Upright single-column pages read by the command and by DocShelf's engine, alternately, three times each;
    /// the medians' ratio is what straightening costs on the pages that need none.
    /// </summary>
    private static async Task<UprightCost> UprightCostAsync(IReadOnlyList<string> images)
    {
        using var straightening = new TesseractEngine("eng");
        using var plain = new TesseractEngine("eng", options: new OcrOptions { Deskew = false, DetectOrientation = false });
        var command = new List<double>();
        var docShelf = new List<double>();
        var unstraightened = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var image in images)
            {
                command.Add((await Measure.CaptureAsync("tesseract", [image, "-"], SingleThread)).Elapsed.TotalSeconds);
                docShelf.Add(Time(() => straightening.Recognise(image, 0, 1)));
                unstraightened.Add(Time(() => plain.Recognise(image, 0, 1)));
            }
        }

        return new UprightCost(images.Count, Median(command), Median(docShelf), Median(unstraightened));
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
