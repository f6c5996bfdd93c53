using System.CommandLine;
using DocShelf.Cli.Access;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Hosting;
using DocShelf.Cli.Output;
using DocShelf.Cli.Progress;
using DocShelf.Cli.Settings;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Embedding;
using DocShelf.Ingestion.Intake;
using DocShelf.Ingestion.Running;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;
using DocShelf.Search.Semantic;

namespace DocShelf.Cli.Commands;

public static class IngestCommand
{
    /// <summary>Vectors waiting for the graphs past which their saving, minutes of work at a million, is announced.</summary>
    private const int GraphSaveWorthTelling = 50_000;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files and folders to add (folders are read recursively)", Arity = ArgumentArity.OneOrMore };
        var settings = SharedSettingOptions.ForReading();
        var json = CommonOptions.Json();
        var command = new Command("ingest", "Add files to the shelf: read their text (OCR where needed), chunk and index it") { paths, json };
        settings.ForEach(command.Options.Add);
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(() =>
        {
            var data = CommonOptions.DataDirectory(result);
            return RunAsync(data, result.GetRequiredValue(paths), SharedSettingOptions.Load(data, result, settings), result.GetValue(json), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(string data, string[] paths, ShelfSettings settings, bool json, CancellationToken cancellationToken)
    {
        var options = settings.ToIngestionOptions();
        options.Chunking.Validate();
        var files = FileCollector.Collect(paths);
        using (var holder = ShelfSocket.Connect(data, settings.AccessToken, TimeSpan.FromMinutes(1)))
        {
            if (holder is not null && await HandToServiceAsync(holder, files, json, cancellationToken))
            {
                return ExitCodes.Ok;
            }
        }

        var languagesChecked = StartLanguageCheck(options.OcrLanguages, cancellationToken);

        // What is read is embedded, so the model loads while the first files are read.
        using var shelf = ShelfComposition.OpenForWriting(data, settings, opening: ModelOpening.AtOnce);
        using var chain = ShelfComposition.Ingestion(shelf, options);
        await languagesChecked;
        await using var readers = await ShelfReaders.StartAsync(shelf, settings, cancellationToken);
        var runner = chain.Runner;
        runner.RecoverInterrupted();

        var summary = await RunWithProgressAsync(runner, files, json, cancellationToken);
        await EmbedAsync(shelf, chain.Batcher, quiet: json, cancellationToken);
        return summary.Quarantined > 0 ? ExitCodes.SomeQuarantined : ExitCodes.Ok;
    }

    /// <summary>
    /// While `docshelf serve` holds the shelf, names the files to it, which reads them (or hands them to its workers)
    /// as it reads its inboxes'. False when the holder is itself adding files, which the caller is then refused by.
    /// </summary>
    private static async Task<bool> HandToServiceAsync(HttpClient holder, IReadOnlyList<string> files, bool json, CancellationToken cancellationToken)
    {
        if (!await new ServiceShelfAccess(holder).NameFilesAsync(files, cancellationToken))
        {
            return false;
        }

        if (json)
        {
            JsonOutput.Write(new { handedToService = files.Count });
        }
        else
        {
            Console.WriteLine($"Handed {Plural.Of(files.Count, "file")} to the DocShelf service, which reads them as it reads its inboxes'; follow it with: docshelf status");
        }

        return true;
    }

    /// <summary>
    /// Embeds what still waits in the embed step's batcher, then makes one pass over everything else without vectors
    /// (what an earlier run stopped part-way or a newly chosen model left); vectors of chunks that left are dropped.
    /// </summary>
    public static async Task EmbedAsync(Shelf shelf, ChunkBatcher? batcher, bool quiet, CancellationToken cancellationToken)
    {
        if (shelf.Searcher.Semantic is not { } semantic)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var progress = new Progress<(int Done, int Total)>(p =>
        {
            if (!quiet && clock.Elapsed - lastReport > TimeSpan.FromSeconds(2))
            {
                lastReport = clock.Elapsed;
                Console.Error.WriteLine($"Embedding chunks with {semantic.Model}: {p.Done} of {p.Total}");
            }
        });
        if (batcher is not null)
        {
            await batcher.FlushAsync(cancellationToken);
        }

        var (caughtUp, dropped) = await new ChunkEmbedder(shelf.Store, semantic).CatchUpAsync(progress, cancellationToken);
        if (!quiet && semantic.UnsavedCount >= GraphSaveWorthTelling)
        {
            Console.Error.WriteLine($"Saving {semantic.UnsavedCount:N0} chunk vectors into their graphs for search…");
        }

        await semantic.SaveGraphsAsync(cancellationToken);
        var embedded = (batcher?.Embedded ?? 0) + caughtUp;
        if (!quiet && embedded + dropped > 0)
        {
            Console.Error.WriteLine($"Embedded {embedded} chunks with {semantic.Model}" + (dropped > 0 ? $"; dropped the vectors of {dropped} chunks no longer on the shelf" : ""));
        }
    }

    /// <summary>Runs the files with a progress bar on a terminal, plain lines in a pipe, or silently for JSON.</summary>
    public static async Task<IngestionSummary> RunWithProgressAsync(IngestionRunner runner, IReadOnlyList<string> files, bool json, CancellationToken cancellationToken)
    {
        if (json)
        {
            var report = await runner.RunAsync(files, SilentObserver.Instance, cancellationToken);
            JsonOutput.Write(IngestionReport.From(report));
            return report;
        }

        var summary = ProgressBarObserver.IsSupported
            ? await ProgressBarObserver.RunAsync(runner, files, cancellationToken)
            : await runner.RunAsync(files, new LineObserver(), cancellationToken);
        SummaryPrinter.Print(summary);
        return summary;
    }

    /// <summary>
    /// <see cref="RequireLanguages"/> on another thread, so the check (starting Tesseract to ask takes some 0.2 s) runs
    /// while the shelf opens; the caller awaits it before anything is read.
    /// </summary>
    public static Task StartLanguageCheck(string languages, CancellationToken cancellationToken) =>
        Task.Run(() => RequireLanguages(languages), cancellationToken);

    public static void RequireLanguages(string languages)
    {
        var installed = TesseractLanguages.Find();
        var missing = installed.Missing(languages);
        if (missing.Count > 0)
        {
            throw new UsageException(
                $"OCR language(s) not installed: {string.Join(", ", missing)}. Installed: {string.Join(", ", installed.Languages)}. " +
                $"Install with: apt-get install {string.Join(' ', missing.Select(code => "tesseract-ocr-" + code.Replace('_', '-').ToLowerInvariant()))}");
        }

        if (!installed.HasOrientationData)
        {
            throw new UsageException(
                "Tesseract's orientation data (osd.traineddata), which turns sideways and upside-down scans upright, is not installed. " +
                "Install with: apt-get install tesseract-ocr-osd");
        }
    }
}
