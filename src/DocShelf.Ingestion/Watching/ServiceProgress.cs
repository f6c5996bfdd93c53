using System.Collections.Concurrent;
using DocShelf.Ingestion.Running;
using Microsoft.Extensions.Logging;

namespace DocShelf.Ingestion.Watching;

/// <summary>
/// Follows the files in hand and the recent pace, and logs each file's outcome. The pace counts pages as they are
/// read, not files as they finish, so a long scan shows its pages per minute while it is read and the estimate
/// rests on the pages left, which changes only when files arrive, a file's length becomes known, or the pace moves.
/// </summary>
public sealed class ServiceProgress(ILogger logger, TimeProvider clock) : IIngestionObserver
{
    /// <summary>The pace is measured over this much recent history.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>The shortest span a pace is measured over, so the first page of a run does not promise a sprint.</summary>
    private static readonly TimeSpan ShortestSpan = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, FileInProgress> inProgress = new(StringComparer.Ordinal);

    /// <summary>Pages of each file in hand already counted in <see cref="pagesRead"/>.</summary>
    private readonly ConcurrentDictionary<string, int> counted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(DateTime At, int Pages)> pagesRead = new();
    private readonly ConcurrentQueue<(DateTime At, int Pages)> filesRead = new();

    /// <summary>When files were started, so the pace is measured from the start of the work, not its first page.</summary>
    private readonly ConcurrentQueue<DateTime> filesStarted = new();
    private int filesDone;

    public int FilesDone => filesDone;

    public IReadOnlyList<FileInProgress> InProgress => inProgress.Values.OrderBy(f => f.StartedUtc).ToList();

    public void FileStarted(string path)
    {
        inProgress[path] = new FileInProgress(path, 0, 0, Now);
        counted[path] = 0;
        filesStarted.Enqueue(Now);
        logger.LogDebug("Reading {Path}", path);
    }

    public void PageRecognised(string path, int page, int pagesToRecognise)
    {
        inProgress.AddOrUpdate(
            path,
            _ => new FileInProgress(path, page, pagesToRecognise, Now),
            (_, current) => current with { Page = Math.Max(current.Page, page), Pages = pagesToRecognise });
        var before = counted.GetOrAdd(path, 0);
        if (page > before)
        {
            counted[path] = page;
            pagesRead.Enqueue((Now, page - before));
        }
    }

    public void FileFinished(FileOutcome outcome)
    {
        inProgress.TryRemove(outcome.Path, out _);
        counted.TryRemove(outcome.Path, out var already);
        Interlocked.Increment(ref filesDone);
        var pages = Math.Max(1, outcome.Pages);
        // Pages not read one by one (a text layer, a text file) count when their file is done.
        if (pages > already)
        {
            pagesRead.Enqueue((Now, pages - already));
        }

        filesRead.Enqueue((Now, pages));
        switch (outcome.Status)
        {
            case FileStatus.Indexed:
                logger.LogInformation(
                    "Indexed {Path} as {DocumentId}: {Pages} pages, {OcrPages} by OCR, {Chunks} chunks, {Seconds:0.0} s",
                    outcome.Path, outcome.DocumentId, outcome.Pages, outcome.OcrPages, outcome.Chunks, outcome.Elapsed.TotalSeconds);
                break;
            case FileStatus.AlreadyOnShelf:
                logger.LogInformation("Matched {Path} to {DocumentId}, already on the shelf", outcome.Path, outcome.DocumentId);
                break;
            default:
                logger.LogWarning("Quarantined {Path}: {Reason}", outcome.Path, outcome.Reason);
                break;
        }
    }

    /// <summary>A file dropped out without an outcome (it vanished, or shutdown stopped it).</summary>
    public void FileAbandoned(string path)
    {
        inProgress.TryRemove(path, out _);
        counted.TryRemove(path, out _);
    }

    /// <summary>
    /// Pages per minute over the recent window (from the first file started or page read in it), and the seconds left
    /// for the files in hand and <paramref name="queuedFiles"/> more at that pace: their pages left where known, else
    /// the mean pages of the files recently read (or, before any, of those in hand). No estimate before a page is read.
    /// </summary>
    public (double PagesPerMinute, double? EtaSeconds) Pace(int queuedFiles)
    {
        var now = Now;
        Forget(pagesRead, p => p.At, now);
        Forget(filesRead, f => f.At, now);
        Forget(filesStarted, at => at, now);
        var pages = pagesRead.ToArray();
        if (pages.Length == 0)
        {
            return (0, null);
        }

        var since = pages.Select(p => p.At).Concat(filesStarted).Min();
        var perSecond = pages.Sum(p => p.Pages) / Math.Max(ShortestSpan.TotalSeconds, (now - since).TotalSeconds);
        var hand = InProgress;
        var files = filesRead.ToArray();
        var known = hand.Where(f => f.Pages > 0).ToList();
        var perFile = files.Length > 0 ? files.Average(f => f.Pages) : known.Count > 0 ? known.Average(f => f.Pages) : 1;
        var left = hand.Sum(f => f.Pages > 0 ? Math.Max(0, f.Pages - f.Page) : perFile) + (queuedFiles * perFile);
        return (perSecond * 60, left / perSecond);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static void Forget<T>(ConcurrentQueue<T> events, Func<T, DateTime> at, DateTime now)
    {
        while (events.TryPeek(out var oldest) && now - at(oldest) > Window)
        {
            events.TryDequeue(out _);
        }
    }
}
