using DocShelf.Search;
using DocShelf.Search.Store;

namespace DocShelf.Ingestion.Watching;

/// <summary>
/// Writes the service's status (to the status file and the board the page reads) every second while it works and
/// every ten seconds while idle. The shelf's counts are taken again only after a change, at most every five seconds:
/// counting every file and document costs more than the rest of a turn, and a few seconds' lag is fine.
/// </summary>
public sealed class StatusReporter(Shelf shelf, WatchOptions options, ServiceBoard board, DateTime started)
{
    private DateTime nextReport = DateTime.MinValue;
    private DateTime nextOverview = DateTime.MinValue;
    private ShelfOverview? overview;
    private bool shelfChanged = true;

    /// <summary>Something on the shelf changed; the next report counts it again.</summary>
    public void ShelfChanged() => shelfChanged = true;

    /// <summary>Reports when one is due, or whenever files are being read (their progress moves).</summary>
    public void ReportIfDue(DateTime now, InboxPlanner planner, ServiceProgress progress)
    {
        if (now < nextReport && planner.Reading.Count == 0)
        {
            return;
        }

        nextReport = now + (planner.Busy ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10));
        if (shelfChanged && now >= nextOverview)
        {
            shelfChanged = false;
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
            Settling = planner.Settling,
            InProgress = progress.InProgress,
            PagesPerMinute = Math.Round(pagesPerMinute, 1),
            EtaSeconds = filesPerSecond > 0 ? Math.Round((depth + planner.Reading.Count) / filesPerSecond) : null,
            FilesDoneSinceStart = progress.FilesDone,
            Embedding = board.Embedding,
            Shelf = overview,
        };
        ServiceStatusFile.Write(shelf.DataDirectory, status);
        board.Post(status);
    }
}
