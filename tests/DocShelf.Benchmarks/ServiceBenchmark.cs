using System.Diagnostics;
using System.Globalization;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Benchmarks;
using DocShelf.Fixtures.Writers;
using DocShelf.Ingestion.Watching;
using DocShelf.Rendering;

namespace DocShelf.Benchmarks;

/// <summary>
/// The service with its default settings: 200 files dropped into the inbox at once (time to the last one indexed),
/// then the idle worker's CPU use over a minute with those files on the shelf.
/// </summary>
public static class ServiceBenchmark
{
    public static async Task<string> RunAsync(string workFolder)
    {
        var staging = Path.Combine(workFolder, "drop-staging");
        var (pdfs, texts, scans) = MakeDrop(staging);
        var inbox = Directory.CreateDirectory(Path.Combine(workFolder, "drop-inbox")).FullName;
        var data = Path.Combine(workFolder, "drop-data");
        using var service = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "docshelf.dll"), "--data", data, "serve", "--inbox", inbox, "--listen", "127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        service.OutputDataReceived += (_, _) => { };
        service.ErrorDataReceived += (_, _) => { };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        await UntilAsync(() => Status(data) is not null);

        var files = Directory.GetFiles(staging);
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            File.Move(file, Path.Combine(inbox, Path.GetFileName(file)));
        }

        await UntilAsync(() => Status(data)?.FilesDoneSinceStart >= files.Length);
        var elapsed = clock.Elapsed;
        var pages = Status(data)?.Shelf?.Counts.Pages;

        var before = CpuTime.OfProcess(service.Id);
        var idle = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromMinutes(1));
        var cpu = CpuTime.OfProcess(service.Id) - before;
        var idleSeconds = idle.Elapsed.TotalSeconds;

        using (var stop = Process.Start("kill", ["-TERM", service.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await stop.WaitForExitAsync();
        }

        await service.WaitForExitAsync();
        return $"""
            ### Service: 200 files dropped at once, then idle

            `docshelf serve` with its defaults (5 s settle, rescan every 60 s). The 200 files ({pdfs} born-digital
            PDFs of 2 pages, {texts} text files, {scans} scanned PNG pages) are moved into the inbox in one go.

            | files | time to the last one indexed | files per second | idle CPU over {idleSeconds:0} s |
            | ---: | ---: | ---: | ---: |
            | {files.Length} | **{elapsed.TotalSeconds:0.0} s** (settle included) | {files.Length / elapsed.TotalSeconds:0.0} | **{cpu / idleSeconds * 100:0.00}%** of one core ({cpu:0.00} s CPU) |

            The shelf then held {pages} pages. "Time to the last one indexed" is read from the status file the service
            refreshes every half second while it works.

            """;
    }

    private static (int Pdfs, int Texts, int Scans) MakeDrop(string staging)
    {
        Directory.CreateDirectory(staging);
        var pages = SampleTexts.AllPages();
        const int pdfs = 150, texts = 40, scans = 10;
        for (var i = 0; i < pdfs; i++)
        {
            // A serial line makes every file's bytes distinct, so none is deduplicated away.
            PdfWriter.Write(Path.Combine(staging, $"paper-{i:000}.pdf"), [PdfPage.WithText($"Paper {i}.\n\n{pages[i % pages.Count]}"), PdfPage.WithText(pages[(i + 3) % pages.Count])], "Paper");
        }

        BenchmarkShelves.TextShelf(Path.Combine(staging, "texts"), texts);
        foreach (var text in Directory.GetFiles(Path.Combine(staging, "texts")))
        {
            File.Move(text, Path.Combine(staging, Path.GetFileName(text)));
        }

        Directory.Delete(Path.Combine(staging, "texts"));
        for (var i = 0; i < scans; i++)
        {
            using var image = PageRasteriser.Render(pages[i % pages.Count], ScanStyle.Office(500 + i));
            ImageWriter.WritePng(Path.Combine(staging, $"scan-{i:000}.png"), image);
        }

        return (pdfs, texts, scans);
    }

    private static ServiceStatus? Status(string data) => ServiceStatusFile.Read(data);

    private static async Task UntilAsync(Func<bool> condition)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            if (limit.Elapsed > TimeSpan.FromMinutes(20))
            {
                throw new TimeoutException("the service did not finish in 20 minutes");
            }

            await Task.Delay(100);
        }
    }

}
