using System.CommandLine;
using DocShelf.Cli.Settings;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Watching;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;
using DocShelf.Search.Store;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

public static class RetryCommand
{
    public static Command Create()
    {
        var document = new Argument<string?>("document") { Description = "The quarantined document to read again (id, start of id, path or file name)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Read every quarantined file again" };
        var json = CommonOptions.Json();
        var settings = SharedSettingOptions.ForReading();
        var command = new Command("retry", "Read quarantined files again, for example after adding a PDF password or an OCR language") { document, all, json };
        settings.ForEach(command.Options.Add);
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(() =>
        {
            var reference = result.GetValue(document);
            if (reference is null == !result.GetValue(all))
            {
                throw new UsageException("Name one document to retry, or give --all.");
            }

            var data = CommonOptions.DataDirectory(result);
            var options = SharedSettingOptions.Load(data, result, settings).ToIngestionOptions();
            return RunAsync(data, reference, options, result.GetValue(json), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(string data, string? reference, IngestionOptions options, bool json, CancellationToken cancellationToken)
    {
        if (ServiceStatusFile.ReadLive(data) is { } service)
        {
            RetryRequests.Submit(data, reference is null ? null : ResolveQuarantined(data, reference));
            AnsiConsole.MarkupLineInterpolated($"Asked the DocShelf service (process {service.ProcessId}) to read them again; follow it with: docshelf status");
            return ExitCodes.Ok;
        }

        using var shelf = Shelf.OpenForWriting(data);
        var documentId = reference is null ? null : DocumentResolver.Resolve(shelf.Store, reference).Id;
        var paths = shelf.Queue.Retry(documentId);
        if (paths.Count == 0)
        {
            AnsiConsole.WriteLine("Nothing to retry: no quarantined file matches.");
            return ExitCodes.Ok;
        }

        using var ocr = new TesseractEnginePool(options.OcrLanguages);
        using var pipeline = new IngestionPipeline(shelf.Writer!, ocr, options);
        var runner = new IngestionRunner(shelf, pipeline, options, Path.Combine(shelf.DataDirectory, "tmp"));
        var summary = await IngestCommand.RunWithProgressAsync(runner, paths, json, cancellationToken);
        return summary.Quarantined > 0 ? ExitCodes.SomeQuarantined : ExitCodes.Ok;
    }

    private static string ResolveQuarantined(string data, string reference)
    {
        using var shelf = Shelf.OpenForReading(data);
        return DocumentResolver.Resolve(shelf.Store, reference).Id;
    }
}
