using System.CommandLine;
using DocShelf.Cli.Settings;
using DocShelf.Cli.Workers;
using DocShelf.Models.Library;
using DocShelf.Ocr.Tesseract;
using DocShelf.Queue.Broker;
using DocShelf.Queue.Work;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using Microsoft.Extensions.Logging;

namespace DocShelf.Cli.Commands;

/// <summary>`docshelf worker`: reads files for a shelf on another machine, through the broker, until stopped.</summary>
public static class WorkerCommand
{
    /// <summary>The worker's own folder in its data folder, where files and readings wait while it has them.</summary>
    public const string ScratchFolderName = "worker";

    public static Command Create()
    {
        List<Option> settings =
        [
            new SettingOption<string>("--queue", "The broker to take files from: amqp://USER@HOST/VHOST, or amqps:// for TLS (also Queue in docshelf.json)", (s, v) => s.Queue = v),
            new SettingOption<string>("--name", "How the shelf's status names this worker (default: the machine's name and the process id)", (s, v) => s.WorkerName = v),
            new SettingOption<string>("--ocr-languages", "Tesseract languages joined by '+', the same as the shelf's (default eng)", (s, v) => s.OcrLanguages = v),
            new SettingOption<int>("--parallel", "Files, and pages, read at once (default: one per core)", (s, v) => s.Parallelism = v),
        ];
        var command = new Command(
            "worker",
            "Read files for a shelf on another machine: take them from the broker's queue, read them (OCR, chunks, vectors) and send the readings back, until stopped");
        settings.ForEach(command.Options.Add);
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var data = CommonOptions.DataDirectory(result);
            await RunAsync(data, SharedSettingOptions.Load(data, result, settings), cancellationToken);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task RunAsync(string data, ShelfSettings settings, CancellationToken cancellationToken)
    {
        var address = BrokerSettings.Address(settings)
            ?? throw new UsageException("Name the broker to take files from: docshelf worker --queue amqp://USER@HOST/VHOST (or Queue in docshelf.json).");
        var password = BrokerSettings.Password(settings);
        var options = settings.ToIngestionOptions();
        IngestCommand.RequireLanguages(options.OcrLanguages);

        var library = new ModelLibrary(data);
        var identity = BrokerSettings.Identity(library, options.OcrLanguages);
        var model = identity.EmbeddingModel is { } name ? library.Find(name) : null;
        using var generator = model is null ? null : library.OpenEmbedding(model.Name);
        var prefixes = new EmbeddingPrefixes(model?.QueryPrefix ?? "", model?.PassagePrefix ?? "");

        var scratch = Directory.CreateDirectory(Path.Combine(data, ScratchFolderName)).FullName;
        ScratchFolder.Sweep(scratch); // a killed worker's files; the broker hands them out again
        var workerName = string.IsNullOrWhiteSpace(settings.WorkerName) ? WorkerOptions.DefaultName() : settings.WorkerName.Trim();
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        }));
        using var engines = new TesseractEnginePool(options.OcrLanguages);
        using var ocr = new SharedPageSlots(engines, options.Parallelism);
        using var reader = new WorkerReader(options, ocr, generator, prefixes, scratch);
        await using var connection = await BrokerConnection.OpenAsync(address, password, $"docshelf worker {workerName}", cancellationToken);
        using var worker = new QueueWorker(connection, identity, reader, new WorkerOptions(workerName, scratch, options.MaxFileDuration, options.Parallelism), loggers.CreateLogger<QueueWorker>());
        await worker.RunAsync(cancellationToken);
    }
}
