using System.Diagnostics;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Queue;
using DocShelf.Ingestion.Intake;
using DocShelf.Ingestion.Tools;
using DocShelf.Search;

namespace DocShelf.Ingestion.Running;

/// <summary>
/// Takes files through the pipeline with their state kept in the durable queue: marked processing before any work,
/// and indexed or quarantined in the same transaction that stores the result. A file that fails is quarantined with
/// its reason and the rest go on; a file stopped by shutdown goes back to the queue.
/// </summary>
public sealed class IngestionRunner(Shelf shelf, IngestionPipeline pipeline, IngestionOptions options, string scratchDirectory) : IFileReading
{
    /// <summary>Files between index commits, so a long run's results become searchable as it goes.</summary>
    private const int CommitEvery = 20;

    private readonly ShelfWriter writer = shelf.Writer ?? throw new ArgumentException("the shelf must be open for writing", nameof(shelf));
    private int sinceCommit;

    /// <summary>One file per core: a file's pages share the cores too, and most files are a page or two.</summary>
    public int FilesAtOnce => Math.Max(1, options.Parallelism);

    public string Description => $"read here, {Math.Max(1, options.Parallelism)} pages at once";

    /// <summary>Ingests the files a user named: those whose version was already read are reported without reading them again.</summary>
    public async Task<IngestionSummary> RunAsync(IReadOnlyList<string> files, IIngestionObserver observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = new FileOutcome?[files.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), parallel, async (i, token) =>
            {
                observer.FileStarted(files[i]);
                outcomes[i] = KnownOutcome(files[i]) ?? await ProcessAsync(files[i], observer, token);
                if (outcomes[i] is { } outcome)
                {
                    observer.FileFinished(outcome);
                }
            });
        }
        finally
        {
            writer.Commit();
        }

        return new IngestionSummary(outcomes.OfType<FileOutcome>().ToList(), clock.Elapsed);
    }

    /// <summary>
    /// Files a kill left in processing go back to the queue; those interrupted too often are quarantined, since they
    /// may be what brings the worker down. Returns how many were quarantined.
    /// </summary>
    public int RecoverInterrupted()
    {
        var exhausted = writer.RecoverInterrupted(options.MaxAttempts);
        foreach (var entry in exhausted)
        {
            Quarantine(new IngestionContext(entry.Path, scratchDirectory), FileQuarantine.Interrupted(entry.Attempts));
        }

        writer.Commit();
        return exhausted.Count;
    }

    /// <summary>Reads one file now. Returns null when the file vanished before it could be read.</summary>
    public async Task<FileOutcome?> ProcessAsync(string path, IIngestionObserver observer, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            writer.Forget(path);
            return null;
        }

        writer.StartReading(path, info.Length, info.LastWriteTimeUtc);
        var clock = Stopwatch.StartNew();
        var outcome = await ReadAsync(path, observer, cancellationToken) with { Elapsed = clock.Elapsed };
        if (Interlocked.Increment(ref sinceCommit) % CommitEvery == 0)
        {
            writer.Commit();
        }

        return outcome;
    }

    private async Task<FileOutcome> ReadAsync(string path, IIngestionObserver observer, CancellationToken cancellationToken)
    {
        OpenedFile file;
        try
        {
            file = OpenedFile.Open(path);
        }
        catch (Exception error) when (error is UnreadableFileException or IOException or UnauthorizedAccessException)
        {
            return Quarantine(new IngestionContext(path, scratchDirectory), ReasonFor(error), FailureReasons.DetailOf(error));
        }

        using var opened = file;
        var workDirectory = ScratchFolder.CreateWorkFolder(scratchDirectory);
        var context = new IngestionContext(path, workDirectory)
        {
            ReadPath = opened.ReadPath,
            PageRecognised = (page, total) => observer.PageRecognised(path, page, total),
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.MaxFileDuration);
        try
        {
            await pipeline.RunAsync(context, deadline.Token);
            return Finished(context);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.Requeue(path);
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return Quarantine(context, $"reading took longer than the limit of {options.MaxFileDuration.TotalMinutes:0.#} minutes");
        }
        catch (Exception error)
        {
            return Quarantine(context, ReasonFor(error), FailureReasons.DetailOf(error));
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    /// <summary>The outcome of a file whose current version was already read, or null when it must be read.</summary>
    private FileOutcome? KnownOutcome(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || shelf.Queue.Find(path) is not { State: FileState.Indexed or FileState.Quarantined } entry ||
            !entry.IsVersion(info.Length, info.LastWriteTimeUtc))
        {
            return null;
        }

        return entry.State == FileState.Quarantined
            ? new FileOutcome { Path = path, Status = FileStatus.Quarantined, DocumentId = entry.DocumentId ?? "", Reason = entry.Reason }
            : new FileOutcome { Path = path, Status = FileStatus.AlreadyOnShelf, DocumentId = entry.DocumentId ?? "" };
    }

    private static FileOutcome Finished(IngestionContext context) => context.Existing switch
    {
        { Status: DocumentStatus.Quarantined } known => new FileOutcome
        {
            Path = context.Path,
            Status = FileStatus.Quarantined,
            DocumentId = known.Id,
            Reason = known.Reason,
        },
        { } known => new FileOutcome { Path = context.Path, Status = FileStatus.AlreadyOnShelf, DocumentId = known.Id },
        null => new FileOutcome
        {
            Path = context.Path,
            Status = FileStatus.Indexed,
            DocumentId = context.DocumentId,
            Pages = context.Pages.Count,
            OcrPages = context.OcrPageCount,
            Chunks = context.Chunks.Count,
        },
    };

    /// <param name="detail">What the failing tool said, kept beside the reason.</param>
    private FileOutcome Quarantine(IngestionContext context, string reason, string? detail = null) =>
        FileQuarantine.Record(writer, context, reason, detail);

    private static string ReasonFor(Exception error) => FailureReasons.Of(error);
}
