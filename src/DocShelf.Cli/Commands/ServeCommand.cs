using System.CommandLine;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Generation;
using DocShelf.Cli.Hosting;
using DocShelf.Cli.Settings;
using DocShelf.Cli.Workers;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Embedding;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Watching;
using DocShelf.Models.Library;
using DocShelf.Queue.Dispatch;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using DocShelf.Web;
using DocShelf.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocShelf.Cli.Commands;

public static class ServeCommand
{
    /// <summary>Long enough for the pages in flight to finish their OCR after SIGTERM.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(90);

    public static Command Create()
    {
        var settings = SharedSettingOptions.ForReading();
        settings.AddRange(
        [
            new SettingOption<string[]>("--inbox", "A folder to watch and index in place (repeat for more; also Inboxes in docshelf.json)", (s, v) => s.Inboxes.AddRange(v)),
            new SettingOption<double>("--settle-seconds", "How long a file must stay unchanged before it is read (default 5)", (s, v) => s.SettleSeconds = v),
            new SettingOption<double>("--rescan-seconds", "How often the inboxes are walked in full (default 60)", (s, v) => s.RescanSeconds = v),
            new SettingOption<string>("--listen", "Address and port of the web page and API (default 127.0.0.1:8470)", (s, v) => s.Listen = v),
            new SettingOption<double>("--delete-grace-seconds", "How long a vanished file stays on the shelf (default 60)", (s, v) => s.DeleteGraceSeconds = v),
            new SettingOption<string>("--queue", "Hand files to workers through this broker instead of reading them here: amqp://USER@HOST/VHOST, or amqps:// for TLS (also Queue in docshelf.json)", (s, v) => s.Queue = v),
        ]);
        var command = new Command("serve", "Run the service: watch inboxes, keep the shelf true to them, and serve the search page and API until stopped");
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
        var watch = settings.ToWatchOptions();
        var ingestion = settings.ToIngestionOptions();
        var web = settings.ToWebOptions();
        CheckInboxes(watch.Inboxes, Path.GetFullPath(data));
        ingestion.Chunking.Validate();
        var listen = ParseListen(web);

        var broker = BrokerSettings.Address(settings);
        var brokerPassword = broker is null ? null : BrokerSettings.Password(settings);
        var languagesChecked = IngestCommand.StartLanguageCheck(ingestion.OcrLanguages, cancellationToken);

        // A status or search command may hold the shelf for a moment: wait for it rather than fail. The model loads
        // while the shelf opens: the service embeds what it reads, and searches by meaning need it from the first.
        using var shelf = ShelfComposition.OpenForWriting(data, settings, TimeSpan.FromSeconds(10), ModelOpening.AtOnce);
        shelf.Searcher.Semantic?.StartOpening(); // while the host is built and starts
        var board = new ServiceBoard();
        var answerer = ShelfComposition.Answerer(shelf, settings, threads: GenerationThreads.BesideReading(board, ingestion.Parallelism));
        using var answerModel = answerer as IDisposable;
        var builder = ShelfHost.CreateBuilder(shelf, answerer, web, listen);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning); // the service logs its own start and address
        builder.Services.AddSystemd(); // journal-friendly logs and readiness notification under systemd
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(board);
        builder.Services.AddSingleton(watch);
        builder.Services.AddSingleton(ingestion);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(provider => ShelfComposition.Ingestion(shelf, ingestion, provider.GetRequiredService<ILoggerFactory>()));
        await using var queue = broker is null
            ? null
            : await ShelfQueue.ConnectAsync(broker, brokerPassword!, BrokerSettings.Identity(new ModelLibrary(data), ingestion.OcrLanguages), cancellationToken);
        AddReading(builder.Services, shelf, queue, ingestion, settings);
        builder.Services.AddHostedService<InboxWatcherService>();
        builder.Services.AddHostedService<EmbeddingService>();
        await using var app = ShelfHost.Build(builder);

        // The socket answers status before the host has finished starting, so the page's address is known from the
        // start; only port 0 (any free port) waits for the bound one.
        board.WebUrl = listen.Port == 0 ? null : listen.Url;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            board.WebUrl = app.Urls.FirstOrDefault(url => !url.Contains("unix:", StringComparison.Ordinal)) ?? listen.Url;
            app.Logger.LogInformation("DocShelf is open on {Url}", board.WebUrl);
        });
        await languagesChecked;
        await app.RunAsync(cancellationToken);
    }

    /// <summary>Who reads the files the watcher queues: the service itself, or, with a broker, workers on other machines.</summary>
    private static void AddReading(IServiceCollection services, Shelf shelf, ShelfQueue? queue, IngestionOptions ingestion, ShelfSettings settings)
    {
        if (queue is null)
        {
            services.AddSingleton<IFileReading>(provider => provider.GetRequiredService<IngestionChain>().Runner);
            return;
        }

        // The inboxes', uploads' and `ingest`'s files go to the workers; their readings come back through the one writer.
        services.AddSingleton(queue);
        services.AddSingleton<IFileReading>(provider => new QueuedReading(shelf, queue, ingestion, settings.QueueFilesAtOnce, provider.GetRequiredService<ILogger<QueuedReading>>()));
        services.AddSingleton(new ReadingPublisher(shelf, queue, ingestion));
        services.AddHostedService<ResultConsumerService>();
    }

    private static ListenAddress ParseListen(WebOptions web)
    {
        try
        {
            var listen = ListenAddress.Parse(web.Listen);
            listen.RequireTokenUnlessLoopback(web.AccessToken);
            return listen;
        }
        catch (Exception error) when (error is FormatException or InvalidOperationException)
        {
            throw new UsageException(error.Message);
        }
    }

    private static void CheckInboxes(IReadOnlyList<string> inboxes, string data)
    {
        if (inboxes.Count == 0)
        {
            throw new UsageException("Name at least one folder to watch: docshelf serve --inbox DIR (or Inboxes in docshelf.json).");
        }

        foreach (var inbox in inboxes)
        {
            if (!Directory.Exists(inbox))
            {
                throw new UsageException($"The inbox {inbox} does not exist.");
            }

            if (data.StartsWith(inbox + "/", StringComparison.Ordinal) || data == inbox)
            {
                throw new UsageException($"The data folder {data} must not lie inside the inbox {inbox}.");
            }
        }
    }
}
