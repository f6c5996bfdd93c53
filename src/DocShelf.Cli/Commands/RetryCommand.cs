using System.CommandLine;
using System.Net.Http.Json;
using DocShelf.Cli.Access;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Hosting;
using DocShelf.Cli.Settings;
using DocShelf.Web.Api;
using DocShelf.Web.Security;
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
            return RunAsync(data, reference, SharedSettingOptions.Load(data, result, settings), result.GetValue(json), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(string data, string? reference, ShelfSettings settings, bool json, CancellationToken cancellationToken)
    {
        using (var holder = ShelfSocket.Connect(data, settings.AccessToken, TimeSpan.FromMinutes(1)))
        {
            if (holder is not null)
            {
                await AskHolderAsync(holder, reference, cancellationToken);
                return ExitCodes.Ok;
            }
        }

        using var shelf = ShelfComposition.OpenForWriting(data, settings);
        var documentId = reference is null ? null : DocumentResolver.Resolve([.. shelf.Store.AllDocuments().Select(DocumentSummary.Of)], reference).Id;
        var paths = shelf.Writer!.Retry(documentId);
        if (paths.Count == 0)
        {
            AnsiConsole.WriteLine("Nothing to retry: no quarantined file matches.");
            return ExitCodes.Ok;
        }

        using var chain = ShelfComposition.Ingestion(shelf, settings.ToIngestionOptions());
        await using var readers = await ShelfReaders.StartAsync(shelf, settings, cancellationToken);
        var summary = await IngestCommand.RunWithProgressAsync(chain.Runner, paths, json, cancellationToken);
        await IngestCommand.EmbedAsync(shelf, chain.Batcher, quiet: json, cancellationToken);
        return summary.Quarantined > 0 ? ExitCodes.SomeQuarantined : ExitCodes.Ok;
    }

    /// <summary>While another process holds the shelf, it is asked to queue the files again, as the page's Retry does.</summary>
    private static async Task AskHolderAsync(HttpClient holder, string? reference, CancellationToken cancellationToken)
    {
        var access = new ServiceShelfAccess(holder);
        string? documentId = null;
        if (reference is not null)
        {
            var documents = await access.DocumentsAsync(cancellationToken);
            documentId = DocumentResolver.Resolve(documents, reference).Id;
        }

        await access.PostAsync("/api/retry", new { documentId }, "the retry", cancellationToken);

        AnsiConsole.WriteLine($"Asked the DocShelf service to read {(documentId is null ? "every quarantined file" : documentId)} again; follow it with: docshelf status");
    }
}
