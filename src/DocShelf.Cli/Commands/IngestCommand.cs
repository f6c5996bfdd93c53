using System.CommandLine;
using DocShelf.Cli.Output;
using DocShelf.Cli.Progress;
using DocShelf.Cli.Settings;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Intake;
using DocShelf.Ingestion.Running;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;

namespace DocShelf.Cli.Commands;

public static class IngestCommand
{
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
            var options = SharedSettingOptions.Load(data, result, settings).ToIngestionOptions();
            return RunAsync(data, result.GetRequiredValue(paths), options, result.GetValue(json), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(string data, string[] paths, IngestionOptions options, bool json, CancellationToken cancellationToken)
    {
        options.Chunking.Validate();
        RequireLanguages(options.OcrLanguages);
        var files = FileCollector.Collect(paths);

        using var shelf = Shelf.OpenForWriting(data);
        using var ocr = new TesseractEnginePool(options.OcrLanguages);
        using var pipeline = new IngestionPipeline(shelf.Writer!, ocr, options);
        var runner = new IngestionRunner(shelf, pipeline, options, Path.Combine(shelf.DataDirectory, "tmp"));
        runner.RecoverInterrupted();

        var summary = await RunWithProgressAsync(runner, files, json, cancellationToken);
        return summary.Quarantined > 0 ? ExitCodes.SomeQuarantined : ExitCodes.Ok;
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

    public static void RequireLanguages(string languages)
    {
        var missing = TesseractLanguages.Missing(languages);
        if (missing.Count > 0)
        {
            throw new UsageException(
                $"OCR language(s) not installed: {string.Join(", ", missing)}. Installed: {string.Join(", ", TesseractLanguages.Installed())}. " +
                $"Install with: apt-get install {string.Join(' ', missing.Select(code => "tesseract-ocr-" + code.Replace('_', '-').ToLowerInvariant()))}");
        }
    }
}
