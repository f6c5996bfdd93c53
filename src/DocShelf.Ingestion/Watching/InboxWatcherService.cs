using System.Collections.Concurrent;
using DocShelf.Core.Queue;
using DocShelf.Ingestion.Intake;
using DocShelf.Ingestion.Running;
using DocShelf.Search;
using DocShelf.Search.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocShelf.Ingestion.Watching;

/// <summary>
/// The ingestion worker behind `docshelf serve`. It watches the inboxes (file events plus a periodic full walk) and
/// reports what it sees to an <see cref="InboxPlanner"/>, which decides; this service carries the decisions out:
/// queueing settled files durably, reading queued files a few at a time, following edits, moves and deletions. It
/// also publishes the service's status. The user's files are only ever read.
/// </summary>
public sealed partial class InboxWatcherService(
    Shelf shelf,
    IFileReading runner,
    WatchOptions options,
    ILogger<InboxWatcherService> logger,
    TimeProvider clock,
    ServiceBoard board) : BackgroundService
{
    /// <summary>Rounds of decisions and answers in one turn; a turn normally needs two or three.</summary>
    private const int RoundsPerTurn = 6;

    private readonly ShelfWriter writer = shelf.Writer ?? throw new ArgumentException("the shelf must be open for writing", nameof(shelf));
    private readonly InboxPlanner planner = new(options, runner.FilesAtOnce);
    private readonly ConcurrentQueue<FileSystemEventArgs> events = new();
    private readonly Dictionary<string, Task> running = new(StringComparer.Ordinal);
    private readonly ServiceProgress progress = new(logger, clock);
    private readonly StatusReporter status = new(shelf, options, board, clock.GetUtcNow().UtcDateTime);
    private readonly SemaphoreSlim wake = new(0);

    /// <summary>Set from the file watcher's thread when it lost events; the loop hands it to the planner.</summary>
    private bool requestWalk;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        LogStart();
        var interrupted = runner.RecoverInterrupted();
        if (interrupted > 0)
        {
            logger.LogWarning("Quarantined {Count} files that were interrupted too often", interrupted);
        }

        var watchers = options.Inboxes.Select(Watch).ToList();
        board.RetryRequested += WakeUp;
        board.ShelfEdited += WakeUp;
        board.FilesNamed += WakeUp;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                RunOnce(stoppingToken);
                await WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            board.RetryRequested -= WakeUp;
            board.ShelfEdited -= WakeUp;
            board.FilesNamed -= WakeUp;
            watchers.ForEach(w => w.Dispose());
            await FinishRunningAsync();
        }
    }

    /// <summary>One turn of the loop: report what happened, carry out what the planner decides, report status.</summary>
    private void RunOnce(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        TakeEvents(now);
        while (board.TryTakeRetry(out var documentId))
        {
            planner.RetryRequested(documentId);
        }

        while (board.TryTakeNamedFiles(out var paths))
        {
            QueueNamed(paths);
        }

        if (board.TakeEdit())
        {
            status.ShelfChanged();
        }

        ReapFinished();
        for (var round = 0; round < RoundsPerTurn; round++)
        {
            var decisions = planner.Decide(now);
            if (decisions.Count == 0)
            {
                break;
            }

            foreach (var decision in decisions)
            {
                CarryOut(decision, now, stoppingToken);
            }
        }

        status.ReportIfDue(now, planner, progress);
    }

    private FileSystemWatcher Watch(string inbox)
    {
        var watcher = new FileSystemWatcher(inbox)
        {
            IncludeSubdirectories = true,
            InternalBufferSize = 64 * 1024,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size | NotifyFilters.LastWrite,
        };
        FileSystemEventHandler enqueue = (_, change) =>
        {
            events.Enqueue(change);
            wake.Release();
        };
        watcher.Created += enqueue;
        watcher.Changed += enqueue;
        watcher.Deleted += enqueue;
        watcher.Renamed += (_, rename) =>
        {
            events.Enqueue(new FileSystemEventArgs(WatcherChangeTypes.Deleted, Path.GetDirectoryName(rename.OldFullPath)!, Path.GetFileName(rename.OldFullPath)));
            enqueue(watcher, rename);
        };
        watcher.Error += (_, error) =>
        {
            // The kernel dropped events (too many at once): walk everything again.
            logger.LogWarning("File watcher overflowed on {Inbox}: {Error}; rescanning", inbox, error.GetException().Message);
            requestWalk = true;
            wake.Release();
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void TakeEvents(DateTime now)
    {
        if (Interlocked.Exchange(ref requestWalk, false))
        {
            planner.WalkNeeded();
        }

        while (events.TryDequeue(out var change))
        {
            var path = change.FullPath;
            if (Directory.Exists(path))
            {
                planner.WalkNeeded(); // a folder moved or copied in arrives as one event: its files are found by a walk
            }
            else if (Sighting(path) is { } file)
            {
                planner.FileSeen(file, shelf.Queue.Find(path), now);
            }
            else if (!File.Exists(path))
            {
                planner.FileGone(path, [.. OptionalEntry(path), .. shelf.Queue.EntriesUnder(path)], now);
            }
        }
    }

    private void CarryOut(WatchDecision decision, DateTime now, CancellationToken stoppingToken)
    {
        switch (decision)
        {
            case WatchDecision.Walk:
                foreach (var inbox in options.Inboxes)
                {
                    planner.Walked(InboxScanner.Files(inbox).Select(FileSighting.Of), shelf.Queue.EntriesUnder(inbox), now);
                }

                break;
            case WatchDecision.CheckMissing:
                planner.MissingChecked(shelf.Queue.Missing().Select(entry => (entry, Sighting(entry.Path))), now);
                break;
            case WatchDecision.LookAgain look:
                planner.Looked(look.Path, Sighting(look.Path), now);
                break;
            case WatchDecision.Queue queue when writer.Enqueue(queue.Path, queue.Bytes, queue.ModifiedUtc):
                LogQueued(queue.Path);
                break;
            case WatchDecision.Reread reread:
                writer.Reread(reread.Path);
                break;
            case WatchDecision.MarkMissing missing:
                writer.MarkMissing(missing.Path, missing.Since);
                break;
            case WatchDecision.Forget forget:
                Forget(forget.Path);
                break;
            case WatchDecision.Retry retry:
                Retry(retry.DocumentId);
                break;
            case WatchDecision.ReadQueued read:
                StartQueuedFiles(read.Slots, stoppingToken);
                break;
        }
    }

    /// <summary>
    /// The file at <paramref name="path"/> as the planner should see it, or null when there is none to read: gone,
    /// hidden or partial, or under a linked folder (which is not in the inbox at all). A link itself is seen, so it
    /// is queued and refused with its reason.
    /// </summary>
    private static FileSighting? Sighting(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && InboxScanner.Wanted(path) && LinkFreePath.Holds(file.DirectoryName!) ? FileSighting.Of(file) : null;
    }

    /// <summary>
    /// Queues files `docshelf ingest` named, under the same rules as the inboxes' (a file that is there, not hidden,
    /// not under a link); a version already read or waiting is left as it is, as `ingest` leaves it.
    /// </summary>
    private void QueueNamed(IReadOnlyList<string> paths)
    {
        var queued = paths.Select(Sighting).OfType<FileSighting>().Count(file => writer.Enqueue(file.Path, file.Bytes, file.ModifiedUtc));
        planner.FilesQueued();
        logger.LogInformation("Queued {Queued} of {Named} files named to docshelf ingest", queued, paths.Count);
    }

    private IEnumerable<FileEntry> OptionalEntry(string path) => shelf.Queue.Find(path) is { } entry ? [entry] : [];

    private void Forget(string path)
    {
        writer.Forget(path);
        writer.Commit();
        status.ShelfChanged();
        logger.LogInformation("Removed {Path} from the shelf: the file is gone", path);
    }

    private void Retry(string? documentId)
    {
        var paths = writer.Retry(documentId);
        status.ShelfChanged();
        logger.LogInformation("Retry requested for {Which}: {Count} files queued again", documentId ?? "all quarantined files", paths.Count);
    }

    private void StartQueuedFiles(int slots, CancellationToken stoppingToken)
    {
        var next = shelf.Queue.NextQueued(slots, planner.Reading);
        foreach (var entry in next)
        {
            running[entry.Path] = ProcessAsync(entry.Path, stoppingToken);
        }

        planner.ReadingStarted([.. next.Select(e => e.Path)], slots);
    }

    private async Task ProcessAsync(string path, CancellationToken stoppingToken)
    {
        try
        {
            progress.FileStarted(path);
            var outcome = await runner.ProcessAsync(path, progress, stoppingToken);
            if (outcome is null)
            {
                progress.FileAbandoned(path);
                logger.LogInformation("{Path} vanished or changed before it could be read; a new version is read as any other", path);
            }
            else
            {
                progress.FileFinished(outcome);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            progress.FileAbandoned(path);
            logger.LogInformation("Stopped reading {Path}; it stays queued", path);
        }
        finally
        {
            wake.Release();
        }
    }

    private void WakeUp() => wake.Release();

    private void ReapFinished()
    {
        foreach (var (path, task) in running.Where(r => r.Value.IsCompleted).ToList())
        {
            running.Remove(path);
            planner.ReadingFinished(path);
            status.ShelfChanged();
            if (task.IsFaulted)
            {
                // The store or index failed, not the file: stop, and let the service manager restart us.
                logger.LogCritical(task.Exception, "Could not record the result for {Path}", path);
                throw task.Exception!.GetBaseException();
            }
        }
    }

    /// <summary>Sleeps until an event, a finished file or a retry wakes the loop, or the planner's next wake comes, on the service's clock.</summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(planner.NextWake, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The wake time came.
        }

        while (wake.CurrentCount > 0)
        {
            await wake.WaitAsync(0, stoppingToken);
        }
    }

    private async Task FinishRunningAsync()
    {
        // Pages in flight finish; files stopped part-way were put back in the queue by the runner.
        await Task.WhenAll(running.Values.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        writer.Commit();
        ServiceStatusFile.Remove(shelf.DataDirectory);
        logger.LogInformation("Stopped; {Files} files read since start", progress.FilesDone);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queued {Path}")]
    private partial void LogQueued(string path);

    private void LogStart() =>
        logger.LogInformation(
            "Watching {Inboxes} for shelf {Data}; settle {Settle} s, rescan every {Rescan} s, {Files} files in hand at once ({Reading})",
            string.Join(", ", options.Inboxes), shelf.DataDirectory, options.Settle.TotalSeconds, options.Rescan.TotalSeconds, runner.FilesAtOnce, runner.Description);
}
