using System.Collections.Concurrent;
using DocShelf.Ingestion.Running;
using Microsoft.Extensions.Logging;

namespace DocShelf.Ingestion.Watching;

/// <summary>Follows the files in hand and the recent pace, and logs each file's outcome.</summary>
public sealed class ServiceProgress(ILogger logger, TimeProvider clock) : IIngestionObserver
{
    /// <summary>The pace is measured over this much recent history.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, FileInProgress> inProgress = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(DateTime At, int Pages)> finished = new();
    private int filesDone;

    public int FilesDone => filesDone;

    public IReadOnlyList<FileInProgress> InProgress => inProgress.Values.OrderBy(f => f.StartedUtc).ToList();

    public void FileStarted(string path)
    {
        inProgress[path] = new FileInProgress(path, 0, 0, clock.GetUtcNow().UtcDateTime);
        logger.LogDebug("Reading {Path}", path);
    }

    public void PageRecognised(string path, int page, int pagesToRecognise) =>
        inProgress.AddOrUpdate(
            path,
            _ => new FileInProgress(path, page, pagesToRecognise, clock.GetUtcNow().UtcDateTime),
            (_, current) => current with { Page = Math.Max(current.Page, page), Pages = pagesToRecognise });

    public void FileFinished(FileOutcome outcome)
    {
        inProgress.TryRemove(outcome.Path, out _);
        Interlocked.Increment(ref filesDone);
        finished.Enqueue((clock.GetUtcNow().UtcDateTime, Math.Max(1, outcome.Pages)));
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
    public void FileAbandoned(string path) => inProgress.TryRemove(path, out _);

    /// <summary>Pages per minute over the recent window, and files per second for the ETA.</summary>
    public (double PagesPerMinute, double FilesPerSecond) Pace()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        while (finished.TryPeek(out var oldest) && now - oldest.At > Window)
        {
            finished.TryDequeue(out _);
        }

        var recent = finished.ToArray();
        if (recent.Length == 0)
        {
            return (0, 0);
        }

        var span = Math.Max(10, (now - recent[0].At).TotalSeconds);
        return (recent.Sum(r => r.Pages) * 60 / span, recent.Length / span);
    }
}
