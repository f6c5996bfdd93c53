using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Queue;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Queue.Messages;
using DocShelf.Queue.Readings;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using DocShelf.Search.Sentences;
using DocShelf.Search.Vectors;

namespace DocShelf.Queue.Dispatch;

/// <summary>
/// Publishes what workers send back through the shelf's one writer: a reading, checked (<see cref="ReadingCheck"/>)
/// and put on the shelf under the file's own path with its page sources and vectors; a file a worker could not
/// read, or that went to the dead files, quarantined with the reason. Only a result for the job its file is still
/// handed out as is published, so a result met twice (a worker died between sending it and acknowledging its file,
/// or the shelf between publishing and acknowledging) is dropped, not published again. The file's and the
/// reading's parts leave the broker once the result is dealt with.
/// </summary>
public sealed class ReadingPublisher(Shelf shelf, ShelfQueue queue, IngestionOptions options)
{
    /// <summary>Readings between commits of the lexical index, as when the shelf reads itself; <see cref="CommitPending"/> commits the rest when readings pause.</summary>
    private const int CommitEvery = 20;

    private readonly ShelfWriter writer = shelf.Writer ?? throw new ArgumentException("the shelf must be open for writing", nameof(shelf));
    private int uncommitted;

    /// <summary>Makes what was published since the last commit searchable; the store holds it already.</summary>
    public void CommitPending()
    {
        if (Interlocked.Exchange(ref uncommitted, 0) > 0)
        {
            writer.Commit();
        }
    }

    /// <summary>Publishes a worker's result; returns what became of its file, or null when the result was not wanted.</summary>
    public async Task<FileOutcome?> PublishAsync(ReadResult result, CancellationToken cancellationToken)
    {
        FileOutcome? outcome = null;
        if (shelf.Queue.FindJob(result.JobId) is { State: FileState.Processing, Job: { } job } entry)
        {
            outcome = result.Identity.Key != job.Identity
                ? Quarantine(entry, $"read by worker {result.Worker}, whose {string.Join("; ", queue.Identity.DifferencesFrom(result.Identity))}", null)
                : result.Reading is null
                    ? Quarantine(entry, result.Reason ?? "the worker could not read it", result.Detail)
                    : await PublishReadingAsync(entry, job, result, cancellationToken);
        }

        // The file's parts go too when the result was not wanted: no file awaits that job any more (it was published
        // already, or the file changed or left since), and nothing else would ever delete them.
        await queue.DeleteTransfersAsync([result.JobId, .. result.Reading is { } reading ? [reading.Id] : Array.Empty<string>()], cancellationToken);
        return outcome;
    }

    /// <summary>Quarantines a file the broker dead-lettered, with why; null when no file awaits it any longer.</summary>
    public async Task<FileOutcome?> QuarantineDeadAsync(ReadRequest request, string reason, CancellationToken cancellationToken)
    {
        var outcome = shelf.Queue.FindJob(request.JobId) is { State: FileState.Processing } entry ? Quarantine(entry, reason, null) : null;
        await queue.DeleteTransfersAsync([request.JobId], cancellationToken);
        return outcome;
    }

    private async Task<FileOutcome> PublishReadingAsync(FileEntry entry, HandedOut job, ReadResult result, CancellationToken cancellationToken)
    {
        var work = ScratchFolder.CreateWorkFolder(shelf.ScratchDirectory, "reading");
        try
        {
            var archivePath = Path.Combine(work, "reading.zip");
            await using (var stream = File.Create(archivePath))
            {
                await queue.ReceiveAsync(result.Reading!, stream, cancellationToken);
            }

            using var archive = await ReadingArchive.OpenAsync(archivePath, options.MaxFileBytes, cancellationToken);
            var semantic = shelf.Searcher.Semantic;
            ReadingCheck.Check(archive.Reading, Path.GetFileName(entry.Path), job.Sha256, semantic?.Vectors.Dimensions);
            foreach (var document in archive.Reading.Documents)
            {
                await PublishDocumentAsync(entry, job, archive, document, work, semantic, cancellationToken);
            }

            if (Interlocked.Increment(ref uncommitted) >= CommitEvery)
            {
                CommitPending();
            }

            var file = archive.Reading.Documents[^1];
            return file.Record.Status == DocumentStatus.Quarantined
                ? FileOutcome.Quarantined(entry.Path, file.Record)
                : new FileOutcome { Path = entry.Path, Status = FileStatus.Indexed, DocumentId = file.Record.Id, Pages = file.Pages.Count, OcrPages = file.Pages.Count(p => p.Source == PageSource.Ocr), Chunks = file.Chunks.Count };
        }
        catch (InvalidDataException error)
        {
            return Quarantine(entry, $"the reading sent by worker {result.Worker} could not be used: {error.Message}", null);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task PublishDocumentAsync(FileEntry entry, HandedOut job, ReadingArchive archive, BundledDocument document, string work, SemanticIndex? semantic, CancellationToken cancellationToken)
    {
        // The worker's path is the file's name and, for a document inside it, its place: the shelf's path goes in front.
        var path = entry.Path + document.Path[Path.GetFileName(entry.Path).Length..];
        var record = document.Record with { Paths = [path], AddedUtc = DateTime.UtcNow };
        if (record.Status == DocumentStatus.Quarantined)
        {
            writer.Quarantine(record, path);
            return;
        }

        if (document.PageSource is { } source)
        {
            shelf.PageSources.Keep(record.Id, await SourceFileAsync(job, archive, source, work, cancellationToken));
        }

        writer.Publish(record, path, document.Pages, document.Chunks);
        if (semantic is not null && document.Vectors.Count > 0)
        {
            await semantic.StoreAsync(Embeddings(document, semantic.Vectors.Dimensions), cancellationToken);
        }
    }

    /// <summary>
    /// The page source as a file: for the file itself, its bytes as they were sent, taken back from the broker
    /// (the original in the inbox may have changed since); else the one the reading carries.
    /// </summary>
    private async Task<string> SourceFileAsync(HandedOut job, ReadingArchive archive, string source, string work, CancellationToken cancellationToken)
    {
        var target = Path.Combine(work, $"source-{Guid.NewGuid():N}");
        if (source != BundledDocument.OriginalSource)
        {
            await archive.ExtractSourceAsync(source, target, cancellationToken);
            return target;
        }

        // A worker given the file again (its first reader died after answering) may be taking the same parts at this
        // moment; each gives them back in order, so a second or third try finds them whole.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var stream = File.Create(target);
                await queue.ReceiveAsync(new Transfer.TransferDescription(job.JobId, job.Sha256, job.Bytes, job.Parts), stream, cancellationToken);
                return target;
            }
            catch (InvalidDataException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    private static ChunkEmbeddings Embeddings(BundledDocument document, int dimensions)
    {
        var chunks = document.Chunks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return new ChunkEmbeddings(
            [.. document.Vectors.Select(v => new ChunkVector { ChunkId = v.ChunkId, DocumentId = document.Record.Id, Page = chunks[v.ChunkId].PageNumber, Vector = VectorBytes.ToVector(v.Vector, dimensions) })],
            [.. document.Sentences.Select(s => new ChunkSentences(s.ChunkId, document.Record.Id, chunks[s.ChunkId].PageNumber, [.. s.Sentences.Select(v => new SentenceVector(v.Start, v.End, VectorBytes.ToVector(v.Vector, dimensions)))]))]);
    }

    private FileOutcome Quarantine(FileEntry entry, string reason, string? detail)
    {
        var context = new IngestionContext(entry.Path, shelf.ScratchDirectory);
        if (entry.Job is { } job)
        {
            (context.Sha256, context.DocumentId, context.Kind, context.Bytes) = (job.Sha256, DocumentRecord.IdFromSha256(job.Sha256), job.Kind, job.Bytes);
        }

        var outcome = FileQuarantine.Record(writer, context, reason, detail);
        writer.Commit();
        return outcome;
    }
}
