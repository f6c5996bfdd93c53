using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Watching;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;

namespace DocShelf.Ingestion.Tests;

/// <summary>The real watcher service, in-process, on a temporary inbox, with timings short enough for tests.</summary>
public sealed class WatchedShelf : IAsyncDisposable
{
    private readonly TempFolder folder = new();
    private readonly TesseractEnginePool pool = new("eng");
    private readonly IngestionChain chain;
    private readonly InboxWatcherService service;

    /// <param name="settle">The settle period; short by default, longer where a test must outlast a busy machine's pauses.</param>
    public WatchedShelf(TimeSpan? settle = null)
    {
        Inbox = folder.Folder("inbox");
        Shelf = Shelf.OpenForWriting(folder.Folder("data"));
        Ocr = new CountingOcrEngine(pool);
        var options = new IngestionOptions();
        chain = IngestionChain.Create(Shelf, options, Ocr);
        var watch = new WatchOptions
        {
            Inboxes = [Inbox],
            Settle = settle ?? TimeSpan.FromMilliseconds(400),
            Rescan = TimeSpan.FromSeconds(1),
            DeleteGrace = TimeSpan.FromMilliseconds(500),
            Tick = TimeSpan.FromMilliseconds(100),
            IdleTick = TimeSpan.FromMilliseconds(200),
        };
        service = new InboxWatcherService(Shelf, chain.Runner, watch, Log, TimeProvider.System, Board);
    }

    public string Inbox { get; }

    public ServiceBoard Board { get; } = new();

    public Shelf Shelf { get; }

    public CountingOcrEngine Ocr { get; }

    public RecordingLogger<InboxWatcherService> Log { get; } = new();

    /// <summary>How many times the service read <paramref name="path"/> and indexed it.</summary>
    public int TimesIndexed(string path) => Log.Messages.Count(m => m.StartsWith($"Indexed {path} ", StringComparison.Ordinal));

    public string InboxFile(string name) => Path.Combine(Inbox, name);

    public Task StartAsync() => service.StartAsync(CancellationToken.None);

    /// <summary>Waits until the file is indexed in the store and the service has logged it, which it does just after.</summary>
    public Task WaitUntilIndexedAsync(string path) =>
        Eventually.HoldsAsync(
            () => Shelf.Queue.Find(path)?.State == Core.Queue.FileState.Indexed && Shelf.Store.FindByPath(path) is not null && TimesIndexed(path) > 0,
            $"{path} is indexed");

    public async ValueTask DisposeAsync()
    {
        await service.StopAsync(CancellationToken.None);
        service.Dispose();
        Shelf.Dispose();
        chain.Dispose();
        pool.Dispose();
        folder.Dispose();
    }
}
