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
/// The ingestion worker behind `docshelf serve`. It watches the inboxes (file events plus a periodic full walk),
/// queues each file durably once it has settled, reads queued files a few at a time, follows edits, moves and
/// deletions, and publishes its status. The user's files are only ever read.
/// </summary>
public sealed class InboxWatcherService(
    Shelf shelf,
    IngestionRunner runner,
    WatchOptions options,
    IngestionOptions ingestion,
    ILogger<InboxWatcherService> logger,
    TimeProvider clock,
    ServiceBoard board) : BackgroundService
{
    private readonly ConcurrentQueue<FileSystemEventArgs> events = new();
    private readonly SettleTracker settling = new(options.Settle);
    private readonly Dictionary<string, Task> running = new(StringComparer.Ordinal);
    private readonly ServiceProgress progress = new(logger, clock);
    private readonly SemaphoreSlim wake = new(0);
    private readonly DateTime started = clock.GetUtcNow().UtcDateTime;
    private bool queueMayHaveWork = true;
    private bool rescanRequested = true;
    private DateTime nextRescan = DateTime.MinValue;
    private DateTime nextStatus = DateTime.MinValue;
    private DateTime? forgetCheck;
    private ShelfOverview? overview;
    private DateTime nextOverview = DateTime.MinValue;
    private bool shelfChanged = true;

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
            watchers.ForEach(w => w.Dispose());
            await FinishRunningAsync();
        }
    }

    /// <summary>One turn of the loop: take in what changed, queue what settled, start what is queued, report.</summary>
    private void RunOnce(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        TakeEvents(now);
        if (forgetCheck <= now)
        {
            forgetCheck = null;
            ForgetMissingFiles(now);
        }

        if (rescanRequested || now >= nextRescan)
        {
            Rescan(now);
        }

        QueueSettledFiles(now);
        while (board.TryTakeRetry(out var documentId))
        {
            Retry(documentId);
        }

        ReapFinished();
        StartQueuedFiles(stoppingToken);
        if (now >= nextStatus || running.Count > 0)
        {
            PublishStatus(now);
        }
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
            rescanRequested = true;
            wake.Release();
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void TakeEvents(DateTime now)
    {
        while (events.TryDequeue(out var change))
        {
            var path = change.FullPath;
            if (Directory.Exists(path))
            {
                // A folder moved or copied in arrives as one event: its files are found by a walk.
                rescanRequested = true;
            }
            else if (File.Exists(path))
            {
                Observe(new FileInfo(path), now);
            }
            else
            {
                shelf.Queue.MarkMissing(path, now);
                settling.Forget(path);
                forgetCheck ??= now + options.DeleteGrace;
            }
        }
    }

    private void Observe(FileInfo file, DateTime now)
    {
        // A path under a linked folder is not in the inbox at all; a link itself is queued, to be refused with its reason.
        if (!InboxScanner.Wanted(file.FullName) || !LinkFreePath.Holds(file.DirectoryName!))
        {
            return;
        }

        var entry = shelf.Queue.Find(file.FullName);
        if (entry is not null && entry.IsVersion(file.Length, file.LastWriteTimeUtc))
        {
            if (entry.State == FileState.Indexed && file.LinkTarget is not null)
            {
                shelf.Queue.Reread(file.FullName); // read before links were refused: reading it again refuses it
                queueMayHaveWork = true;
            }

            if (entry.MissingSinceUtc is not null)
            {
                shelf.Queue.Enqueue(file.FullName, file.Length, file.LastWriteTimeUtc); // it came back: clears the mark
            }

            return;
        }

        settling.Observe(file.FullName, file.Length, file.LastWriteTimeUtc, now);
    }

    /// <summary>Walks every inbox: new and changed files start settling; known files no longer there are marked missing.</summary>
    private void Rescan(DateTime now)
    {
        rescanRequested = false;
        nextRescan = now + options.Rescan;
        foreach (var inbox in options.Inboxes)
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in InboxScanner.Files(inbox))
            {
                present.Add(file.FullName);
                Observe(file, now);
            }

            foreach (var entry in shelf.Queue.EntriesUnder(inbox).Where(e => !present.Contains(e.Path)))
            {
                var since = shelf.Queue.MarkMissing(entry.Path, now);
                ForgetIfGone(entry, since, now);
            }
        }
    }

    private void ForgetMissingFiles(DateTime now)
    {
        foreach (var entry in shelf.Queue.Missing())
        {
            if (File.Exists(entry.Path))
            {
                Observe(new FileInfo(entry.Path), now); // back again: clears the mark, or settles as a new version
            }
            else
            {
                ForgetIfGone(entry, entry.MissingSinceUtc!.Value, now);
            }
        }
    }

    /// <summary>
    /// A file missing for the grace period leaves the shelf, but only once nothing is waiting: a moved file must first
    /// be matched to its new path, or its document would leave with the old one and be read again.
    /// </summary>
    private void ForgetIfGone(FileEntry entry, DateTime missingSince, DateTime now)
    {
        var idle = settling.Count == 0 && running.Count == 0 && !queueMayHaveWork;
        if (!idle || now - missingSince < options.DeleteGrace || entry.State == FileState.Processing)
        {
            // Look again when the grace period ends, or a little later while work is still going on.
            var retryAt = now - missingSince >= options.DeleteGrace ? now + TimeSpan.FromSeconds(1) : missingSince + options.DeleteGrace;
            forgetCheck = forgetCheck is { } earlier && earlier < retryAt ? earlier : retryAt;

            return;
        }

        shelf.Writer!.Forget(entry.Path);
        shelf.Writer.Commit();
        shelfChanged = true;
        logger.LogInformation("Removed {Path} from the shelf: the file is gone", entry.Path);
    }

    private void QueueSettledFiles(DateTime now)
    {
        foreach (var (path, bytes, modified) in settling.TakeStable(now))
        {
            if (shelf.Queue.Enqueue(path, bytes, modified))
            {
                queueMayHaveWork = true;
                logger.LogDebug("Queued {Path}", path);
            }
        }
    }

    private void Retry(string? documentId)
    {
        var paths = shelf.Queue.Retry(documentId);
        queueMayHaveWork |= paths.Count > 0;
        shelfChanged = true;
        logger.LogInformation("Retry requested for {Which}: {Count} files queued again", documentId ?? "all quarantined files", paths.Count);
    }

    private void StartQueuedFiles(CancellationToken stoppingToken)
    {
        var free = Math.Max(1, ingestion.Parallelism) - running.Count;
        if (free <= 0 || !queueMayHaveWork)
        {
            return;
        }

        var next = shelf.Queue.NextQueued(free, running.Keys.ToHashSet(StringComparer.Ordinal));
        queueMayHaveWork = next.Count == free;
        foreach (var entry in next)
        {
            running[entry.Path] = ProcessAsync(entry.Path, stoppingToken);
        }
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
                logger.LogInformation("{Path} vanished before it could be read", path);
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
            queueMayHaveWork = true;
            shelfChanged = true;
            if (task.IsFaulted)
            {
                // The store or index failed, not the file: stop, and let the service manager restart us.
                logger.LogCritical(task.Exception, "Could not record the result for {Path}", path);
                throw task.Exception!.GetBaseException();
            }
        }
    }

    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        var busy = settling.Count > 0 || running.Count > 0 || queueMayHaveWork || forgetCheck is not null;
        await wake.WaitAsync(busy ? options.Tick : options.IdleTick, stoppingToken);
        while (wake.CurrentCount > 0)
        {
            await wake.WaitAsync(0, stoppingToken);
        }
    }

    private async Task FinishRunningAsync()
    {
        // Pages in flight finish; files stopped part-way were put back in the queue by the runner.
        await Task.WhenAll(running.Values.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        shelf.Writer!.Commit();
        ServiceStatusFile.Remove(shelf.DataDirectory);
        logger.LogInformation("Stopped; {Files} files read since start", progress.FilesDone);
    }

    private void PublishStatus(DateTime now)
    {
        var busy = running.Count > 0 || queueMayHaveWork || settling.Count > 0;
        nextStatus = now + (busy ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10));
        if (shelfChanged && now >= nextOverview)
        {
            shelfChanged = false;
            // Counting every file and document costs more than the rest of a turn: a few seconds' lag is fine.
            overview = shelf.Overview();
            nextOverview = now + TimeSpan.FromSeconds(5);
        }

        var depth = shelf.Queue.CountQueued();
        var (pagesPerMinute, filesPerSecond) = progress.Pace();
        var status = new ServiceStatus
        {
            ProcessId = Environment.ProcessId,
            StartedUtc = started,
            UpdatedUtc = now,
            Inboxes = options.Inboxes,
            WebUrl = board.WebUrl,
            QueueDepth = depth,
            Settling = settling.Count,
            InProgress = progress.InProgress,
            PagesPerMinute = Math.Round(pagesPerMinute, 1),
            EtaSeconds = filesPerSecond > 0 ? Math.Round((depth + running.Count) / filesPerSecond) : null,
            FilesDoneSinceStart = progress.FilesDone,
            Embedding = board.Embedding,
            Shelf = overview,
        };
        ServiceStatusFile.Write(shelf.DataDirectory, status);
        board.Post(status);
    }

    private void LogStart() =>
        logger.LogInformation(
            "Watching {Inboxes} for shelf {Data}; settle {Settle} s, rescan every {Rescan} s, {Parallelism} pages at once",
            string.Join(", ", options.Inboxes), shelf.DataDirectory, options.Settle.TotalSeconds, options.Rescan.TotalSeconds, ingestion.Parallelism);
}
