using System.Collections.Concurrent;
using DocShelf.Ingestion.Watching;
using DocShelf.Queue.Messages;
using DocShelf.Queue.Work;

namespace DocShelf.Queue.Dispatch;

/// <summary>The last heartbeat of every worker heard from since the service started, with when it came.</summary>
public sealed class WorkerBoard
{
    /// <summary>A worker silent this long is shown as not answering: three heartbeats missed.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (WorkerHeartbeat Beat, DateTime HeardUtc)> workers = new(StringComparer.Ordinal);

    public void Heard(WorkerHeartbeat beat, DateTime nowUtc) => workers[beat.Worker] = (beat, nowUtc);

    /// <summary>Every worker as the status shows it, by name.</summary>
    public IReadOnlyList<WorkerStatus> Snapshot(ReadingIdentity shelf, DateTime nowUtc) =>
    [
        .. workers.Values.OrderBy(w => w.Beat.Worker, StringComparer.Ordinal).Select(w => new WorkerStatus
        {
            Name = w.Beat.Worker,
            LastContactUtc = w.HeardUtc,
            Answering = nowUtc - w.HeardUtc < Silence,
            FilesRead = w.Beat.FilesRead,
            PagesRead = w.Beat.PagesRead,
            PagesPerMinute = PagesPerMinute(w.Beat),
            Reading = w.Beat.Reading,
            Refused = shelf.DifferencesFrom(w.Beat.Identity) is { Count: > 0 } differences ? string.Join("; ", differences) : w.Beat.Refusal,
        }),
    ];

    private static double PagesPerMinute(WorkerHeartbeat beat) =>
        (beat.SentUtc - beat.StartedUtc).TotalMinutes is var minutes && minutes > 0 ? Math.Round(beat.PagesRead / minutes, 1) : 0;
}
