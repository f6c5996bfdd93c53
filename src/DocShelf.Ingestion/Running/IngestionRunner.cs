using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Tools;
using DocShelf.Search;

namespace DocShelf.Ingestion.Running;

/// <summary>
/// Runs files through the pipeline, several at once. A file that fails is quarantined with its reason and the
/// run goes on; the lexical index is committed as the run goes and at its end.
/// </summary>
public sealed class IngestionRunner(ShelfWriter writer, IngestionPipeline pipeline, IngestionOptions options, string scratchDirectory)
{
    /// <summary>Files between index commits, so a long run's results become searchable as it goes.</summary>
    private const int CommitEvery = 50;

    private int sinceCommit;

    public async Task<IngestionSummary> RunAsync(IReadOnlyList<string> files, IIngestionObserver observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = new FileOutcome[files.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), parallel, async (i, token) =>
            {
                outcomes[i] = await IngestAsync(files[i], observer, token);
                if (Interlocked.Increment(ref sinceCommit) % CommitEvery == 0)
                {
                    writer.Commit();
                }
            });
        }
        finally
        {
            writer.Commit();
        }

        return new IngestionSummary(outcomes, clock.Elapsed);
    }

    public async Task<FileOutcome> IngestAsync(string path, IIngestionObserver observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        observer.FileStarted(path);
        var workDirectory = Path.Combine(scratchDirectory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDirectory);
        var context = new IngestionContext(path, workDirectory)
        {
            PageRecognised = (page, total) => observer.PageRecognised(path, page, total),
        };
        FileOutcome outcome;
        try
        {
            await pipeline.RunAsync(context, cancellationToken);
            outcome = Finished(context);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcome = Quarantine(context, ReasonFor(error));
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }

        outcome = outcome with { Elapsed = clock.Elapsed };
        observer.FileFinished(outcome);
        return outcome;
    }

    private static FileOutcome Finished(IngestionContext context) => context.Existing switch
    {
        { Status: DocumentStatus.Quarantined } known => new FileOutcome
        {
            Path = context.Path, Status = FileStatus.Quarantined, DocumentId = known.Id, Reason = known.Reason,
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

    private FileOutcome Quarantine(IngestionContext context, string reason)
    {
        // A file that could not even be hashed is recorded under an id derived from its path.
        var sha256 = context.Sha256.Length > 0
            ? context.Sha256
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("path:" + context.Path)));
        var record = new DocumentRecord
        {
            Id = DocumentRecord.IdFromSha256(sha256),
            Sha256 = sha256,
            Paths = [context.Path],
            Kind = context.Kind,
            Bytes = context.Bytes,
            Status = DocumentStatus.Quarantined,
            Reason = reason,
            AddedUtc = DateTime.UtcNow,
        };
        writer.Quarantine(record);
        return new FileOutcome { Path = context.Path, Status = FileStatus.Quarantined, DocumentId = record.Id, Reason = reason };
    }

    private static string ReasonFor(Exception error) => error switch
    {
        UnreadableFileException or ToolTimeoutException => error.Message,
        IOException or UnauthorizedAccessException => $"the file could not be read: {error.Message}",
        OperationCanceledException => "processing was interrupted",
        _ => $"unexpected error ({error.GetType().Name}): {error.Message}",
    };
}
