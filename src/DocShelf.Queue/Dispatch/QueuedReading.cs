using DocShelf.Core.Pipeline;
using DocShelf.Core.Queue;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Intake;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Steps;
using DocShelf.Search;
using Microsoft.Extensions.Logging;

namespace DocShelf.Queue.Dispatch;

/// <summary>
/// The service's reading when workers read: each queued file is identified here (hashed, its kind judged, content
/// already on the shelf attached to its path without reading it again), then handed to the workers through the
/// broker, recorded in the shelf's queue before sending and confirmed after, and awaited until its result is
/// published by <see cref="ResultConsumerService"/>. A file confirmed as handed out stays so across restarts: its
/// reading is on its way, and is published when it comes.
/// </summary>
/// <param name="filesAtOnce">How many files are kept handed out at once (the QueueFilesAtOnce setting).</param>
public sealed partial class QueuedReading(Shelf shelf, ShelfQueue queue, IngestionOptions options, int filesAtOnce, ILogger<QueuedReading> logger) : IFileReading
{
    /// <summary>How long a send waits before trying again while the broker cannot take it.</summary>
    private static readonly TimeSpan SendRetry = TimeSpan.FromSeconds(5);

    private readonly ShelfWriter writer = shelf.Writer ?? throw new ArgumentException("the shelf must be open for writing", nameof(shelf));
    private readonly IdentifyStep identify = new(shelf.Writer!, options);

    public int FilesAtOnce { get; } = Math.Max(1, filesAtOnce);

    public string Description => $"read by workers through {queue.Address}";

    /// <summary>Whether the shelf keeps sentence vectors, which the workers then make too.</summary>
    private bool WithSentences => shelf.Searcher.Semantic?.Passages.WithSentences ?? false;

    /// <summary>
    /// Files whose sending a kill interrupted are withdrawn and queued again, their parts deleted: the broker may or
    /// may not hold their request, and a reading that comes for a withdrawn job is dropped. Files the broker confirmed
    /// stay handed out; the rest go back to the queue as after any kill.
    /// </summary>
    public int RecoverInterrupted()
    {
        foreach (var entry in shelf.Queue.HandedOut().Where(e => e.Job is { Confirmed: false }))
        {
            writer.Withdraw(entry.Path, entry.Job!.JobId);
            DeleteQuietlyAsync(entry.Job.JobId).GetAwaiter().GetResult();
        }

        var exhausted = writer.RecoverInterrupted(options.MaxAttempts, keepHandedOut: true);
        foreach (var entry in exhausted)
        {
            FileQuarantine.Record(writer, new IngestionContext(entry.Path, shelf.ScratchDirectory), FileQuarantine.Interrupted(entry.Attempts));
        }

        writer.Commit();
        return exhausted.Count;
    }

    public async Task<FileOutcome?> ProcessAsync(string path, IIngestionObserver observer, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            writer.Forget(path);
            return null;
        }

        writer.StartReading(path, info.Length, info.LastWriteTimeUtc);
        OpenedFile opened;
        try
        {
            opened = OpenedFile.Open(path);
        }
        catch (Exception error) when (error is UnreadableFileException or IOException or UnauthorizedAccessException)
        {
            return Quarantine(new IngestionContext(path, shelf.ScratchDirectory), error);
        }

        using (opened)
        {
            var context = new IngestionContext(path, shelf.ScratchDirectory) { ReadPath = opened.ReadPath };
            try
            {
                await identify.ExecuteAsync(context, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return Quarantine(context, error);
            }

            if (context.IsComplete)
            {
                return AlreadyRead(context);
            }

            var job = new HandedOut
            {
                JobId = Guid.NewGuid().ToString("N"),
                Sha256 = context.Sha256,
                Kind = context.Kind,
                Bytes = context.Bytes,
                Identity = queue.Identity.Key,
                SentUtc = DateTime.UtcNow,
            };
            if (!writer.HandOut(path, job))
            {
                return null; // the file left the shelf while it was being identified
            }

            var outcome = queue.Waiters.Expect(job.JobId);
            var sent = await SendAsync(path, job.JobId, opened, cancellationToken);
            writer.ConfirmHandOut(path, job.JobId, sent.Parts);
            LogHandedOut(path, job.JobId);
            return await outcome.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Sends the file, trying again while the broker is away; a send stopped by shutdown is withdrawn, its file queued again.</summary>
    private async Task<Transfer.TransferDescription> SendAsync(string path, string jobId, OpenedFile opened, CancellationToken cancellationToken)
    {
        // One stream over the opened file for every try: disposing it closes the file, which a second try could not reopen.
        await using var content = opened.ToStream();
        while (true)
        {
            try
            {
                content.Position = 0;
                return await queue.SendAsync(jobId, Path.GetFileName(path), content, options.Chunking, WithSentences, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                queue.Waiters.Forget(jobId);
                writer.Withdraw(path, jobId);
                await DeleteQuietlyAsync(jobId);
                throw;
            }
            catch (Exception error)
            {
                LogSendFailed(path, error.Message);
                await DeleteQuietlyAsync(jobId);
                await Task.Delay(SendRetry, cancellationToken);
            }
        }
    }

    private async Task DeleteQuietlyAsync(string jobId)
    {
        try
        {
            await queue.DeleteTransfersAsync([jobId], CancellationToken.None);
        }
        catch (Exception error)
        {
            LogPartsLeft(jobId, error.Message);
        }
    }

    private FileOutcome Quarantine(IngestionContext context, Exception error) =>
        FileQuarantine.Record(writer, context, FailureReasons.Of(error), FailureReasons.DetailOf(error));

    private static FileOutcome AlreadyRead(IngestionContext context) =>
        new() { Path = context.Path, Status = FileStatus.AlreadyOnShelf, DocumentId = context.Existing?.Id ?? context.DocumentId };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handed {Path} to the workers as job {Job}")]
    private partial void LogHandedOut(string path, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the parts of job {Job} from the broker ({Reason}); they stay until deleted by hand")]
    private partial void LogPartsLeft(string job, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand {Path} to the broker ({Reason}); trying again")]
    private partial void LogSendFailed(string path, string reason);
}
