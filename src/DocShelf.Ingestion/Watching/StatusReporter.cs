using DocShelf.Search;
using DocShelf.Search.Store;

namespace DocShelf.Ingestion.Watching;

/// <summary>
/// Writes the service's status (to the status file and the board the page reads) every second while it works, every
/// ten seconds while idle, and at once when a file is finished or the work starts or stops, so the page never shows
/// "reading" over an idle worker. The shelf's counts are taken again after a change: at most every two seconds
/// while files keep finishing (counting every file and document costs more than the rest of a turn), and at once
/// when the worker falls idle, so the last report of a burst is exact.
/// </summary>
public sealed class StatusReporter(Shelf shelf, WatchOptions options, ServiceBoard board, DateTime started)
{
    private DateTime nextReport = DateTime.MinValue;
    private DateTime nextOverview = DateTime.MinValue;
    private ShelfOverview? overview;
    private bool shelfChanged = true;
    private bool reportedBusy;
    private int reportedFilesDone = -1;

    /// <summary>Something on the shelf changed; the next report counts it again.</summary>
    public void ShelfChanged() => shelfChanged = true;

    /// <summary>Reports when one is due, or whenever files are being read (their progress moves).</summary>
    public void ReportIfDue(DateTime now, InboxPlanner planner, ServiceProgress progress)
    {
        // A change to report now: work started or stopped, a file finished, or the idle shelf was changed.
        var turned = planner.Busy != reportedBusy || progress.FilesDone != reportedFilesDone || (shelfChanged && !planner.Busy);
        if (now < nextReport && planner.Reading.Count == 0 && !turned)
        {
            return;
        }

        nextReport = now + (planner.Busy ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10));
        if (shelfChanged && (now >= nextOverview || !planner.Busy))
        {
            shelfChanged = false;
            overview = shelf.Overview();
            nextOverview = now + TimeSpan.FromSeconds(2);
        }

        (reportedBusy, reportedFilesDone) = (planner.Busy, progress.FilesDone);

        var depth = shelf.Queue.CountQueued();
        // Files waiting: those queued on the shelf and those the planner holds but has not started.
        var (pagesPerMinute, etaSeconds) = progress.Pace(depth + Math.Max(0, planner.Reading.Count - progress.InProgress.Count));
        var status = new ServiceStatus
        {
            ProcessId = Environment.ProcessId,
            StartedUtc = started,
            UpdatedUtc = now,
            Inboxes = options.Inboxes,
            WebUrl = board.WebUrl,
            QueueDepth = depth,
            Settling = planner.Settling,
            InProgress = progress.InProgress,
            PagesPerMinute = Math.Round(pagesPerMinute, 1),
            EtaSeconds = etaSeconds is { } eta ? Math.Round(eta) : null,
            FilesDoneSinceStart = progress.FilesDone,
            Embedding = board.Embedding,
            Workers = board.Workers,
            Shelf = overview,
        };
        ServiceStatusFile.Write(shelf.DataDirectory, status);
        board.Post(status);
    }
}
