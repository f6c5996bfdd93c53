using DocShelf.Core.Documents;
using DocShelf.Core.Queue;

namespace DocShelf.Search.Store;

/// <summary>
/// What is on the shelf at a glance: counts, files by state, every quarantined file with its reason, and every page
/// read with so little confidence that its scan is worth redoing.
/// </summary>
public sealed record ShelfOverview(ShelfCounts Counts, FileCounts Files, IReadOnlyList<QuarantineItem> Quarantine, IReadOnlyList<LowConfidencePage> LowConfidence)
{
    public static ShelfOverview Of(ShelfStore store, FileQueue queue)
    {
        var states = queue.CountByState();
        var quarantine = store.DocumentsWithStatus(DocumentStatus.Quarantined)
            .OrderBy(d => d.PrimaryPath, StringComparer.Ordinal)
            .Select(d => new QuarantineItem(d.Id, d.PrimaryPath, d.Reason ?? "", d.ReasonDetail))
            .ToList();
        return new ShelfOverview(
            store.Count(),
            new FileCounts(
                states.GetValueOrDefault(FileState.Queued),
                states.GetValueOrDefault(FileState.Processing),
                states.GetValueOrDefault(FileState.Indexed),
                states.GetValueOrDefault(FileState.Quarantined)),
            quarantine,
            LowConfidencePage.Of(store.DocumentsWithOcr()));
    }
}
