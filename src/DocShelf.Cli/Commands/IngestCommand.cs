using System.CommandLine;
using DocShelf.Cli.Output;
using DocShelf.Cli.Progress;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Chunking;
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
        var languages = new Option<string>("--ocr-languages")
        {
            Description = "Tesseract languages for OCR, joined by '+' (see `docshelf status` for the installed ones)",
            DefaultValueFactory = _ => new IngestionOptions().OcrLanguages,
        };
        var chunkSize = new Option<int>("--chunk-size") { Description = "Largest chunk, in characters", DefaultValueFactory = _ => new ChunkingOptions().MaxCharacters };
        var overlap = new Option<int>("--chunk-overlap") { Description = "Characters a chunk shares with the next", DefaultValueFactory = _ => new ChunkingOptions().OverlapCharacters };
        var parallel = new Option<int>("--parallel") { Description = "Pages processed at once (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = CommonOptions.Json();
        var command = new Command("ingest", "Add files to the shelf: read their text (OCR where needed), chunk and index it")
        {
            paths, languages, chunkSize, overlap, parallel, json,
        };
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(() =>
        {
            var options = new IngestionOptions
            {
                OcrLanguages = result.GetRequiredValue(languages),
                Chunking = new ChunkingOptions { MaxCharacters = result.GetValue(chunkSize), OverlapCharacters = result.GetValue(overlap) },
                Parallelism = Math.Max(1, result.GetValue(parallel)),
            };
            return RunAsync(CommonOptions.DataDirectory(result), result.GetRequiredValue(paths), options, result.GetValue(json), cancellationToken);
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
        var runner = new IngestionRunner(shelf, pipeline, options, Path.Combine(data, "tmp"));
        runner.RecoverInterrupted();

        IngestionSummary summary;
        if (json)
        {
            summary = await runner.RunAsync(files, SilentObserver.Instance, cancellationToken);
            JsonOutput.Write(IngestionReport.From(summary));
        }
        else
        {
            summary = ProgressBarObserver.IsSupported
                ? await ProgressBarObserver.RunAsync(runner, files, cancellationToken)
                : await runner.RunAsync(files, new LineObserver(), cancellationToken);
            SummaryPrinter.Print(summary);
        }

        return summary.Quarantined > 0 ? ExitCodes.SomeQuarantined : ExitCodes.Ok;
    }

    private static void RequireLanguages(string languages)
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
