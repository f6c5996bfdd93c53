using System.Collections.Concurrent;
using DocShelf.Ingestion.Running;
using DocShelf.Queue.Broker;
using DocShelf.Queue.Messages;
using DocShelf.Queue.Transfer;
using DocShelf.Search;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace DocShelf.Queue.Work;

/// <summary>
/// A reading worker: takes files from the files queue of its reading identity, a few side by side (one per core, the
/// broker handing it no more than that), reads each with
/// <see cref="WorkerReader"/>, sends the reading back to the results queue, and only then acknowledges the file, so
/// a worker that dies holding a file leaves it for another. A file it cannot read is answered with the reason, as
/// the shelf would quarantine it; one that kills workers goes round until the broker dead-letters it. It says it is
/// alive every few seconds, and whether the shelf the broker serves reads under another identity, in which case it
/// is handed nothing (its files queue is its identity's) and says so, in its log and in the shelf's status.
/// </summary>
public sealed partial class QueueWorker(IConnection connection, ReadingIdentity identity, WorkerReader reader, WorkerOptions options, ILogger<QueueWorker> logger) : IDisposable
{
    private static readonly CreateChannelOptions Confirming = new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    private readonly QueueTopology topology = new(identity.Key);
    private readonly DateTime startedUtc = DateTime.UtcNow;
    private readonly SemaphoreSlim inHand = new(options.FilesAtOnce, options.FilesAtOnce);

    /// <summary>Released when a file starts or ends, so the shelf hears of it at once rather than at the next beat.</summary>
    private readonly SemaphoreSlim beatNow = new(0);
    private readonly ConcurrentDictionary<ulong, string> reading = new();
    private int filesRead;
    private int pagesRead;
    private string? lastRefusal;

    /// <summary>
    /// Reads files until <paramref name="cancellationToken"/> is cancelled. Stopping takes no new file, then gives the
    /// files in hand back to the queue: the consumer is cancelled first, so the broker hands them to other workers
    /// and not back to this one.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var control = await connection.CreateChannelAsync(Confirming, cancellationToken);
        await topology.DeclareAsync(control, cancellationToken);

        // As many files in hand as the options allow, each handled as it comes: a one-page scan uses one core.
        var dispatch = new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: (ushort)options.FilesAtOnce);
        await using var files = await connection.CreateChannelAsync(dispatch, cancellationToken);
        await files.BasicQosAsync(prefetchSize: 0, prefetchCount: (ushort)options.FilesAtOnce, global: false, cancellationToken);
        using var stopping = new CancellationTokenSource();
        var consumer = new AsyncEventingBasicConsumer(files);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(files, delivery, stopping.Token);
        var consumerTag = await files.BasicConsumeAsync(topology.Files, autoAck: false, consumer, cancellationToken);
        LogStarted(options.Name, topology.Files);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await BeatAsync(control, await RefusalAsync(control, cancellationToken), cancellationToken);
                await beatNow.WaitAsync(options.HeartbeatInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await StopConsumingAsync(files, consumerTag);
        await stopping.CancelAsync();
        for (var slot = 0; slot < options.FilesAtOnce; slot++)
        {
            await inHand.WaitAsync(CancellationToken.None);
        }

        LogStopped(options.Name, filesRead);
    }

    public void Dispose()
    {
        inHand.Dispose();
        beatNow.Dispose();
    }

    private async Task HandleAsync(IChannel files, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        try
        {
            // A slot is free at once unless a file just ended (the broker sends the next as soon as it is acknowledged).
            await inHand.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Sent before the consumer was cancelled: back for another worker, unread.
            await ReturnUnreadAsync(files, delivery);
            return;
        }

        try
        {
            await HandleOneAsync(files, delivery, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReturnUnreadAsync(files, delivery);
        }
        catch (Exception error)
        {
            // The broker went away mid-file, or would not take the reading: the file goes back to be handed out again
            // (by the broker itself when this channel is gone).
            LogHandlingFailed(error);
            if (files.IsOpen)
            {
                await GiveBackAsync(files, delivery.DeliveryTag);
            }
        }
        finally
        {
            reading.TryRemove(delivery.DeliveryTag, out _);
            inHand.Release();
            beatNow.Release();
        }
    }

    private async Task HandleOneAsync(IChannel files, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        ReadRequest request;
        try
        {
            request = QueueJson.Read<ReadRequest>(delivery.Body.Span);
        }
        catch (InvalidDataException error)
        {
            // Not a file of DocShelf's: to the dead files, where the shelf sees it.
            LogMalformed(error.Message);
            await files.BasicRejectAsync(delivery.DeliveryTag, requeue: false, CancellationToken.None);
            return;
        }

        reading[delivery.DeliveryTag] = request.Name;
        beatNow.Release();
        var work = ScratchFolder.CreateWorkFolder(options.ScratchDirectory, "job");
        try
        {
            await using var transfers = await connection.CreateChannelAsync(Confirming, cancellationToken);
            var file = Path.Combine(work, "file");
            if (!await ReceiveAsync(transfers, request, file, cancellationToken))
            {
                // The shelf withdrew the file (it stopped while sending it and sends it again as another job).
                LogGone(request.Name);
                await files.BasicRejectAsync(delivery.DeliveryTag, requeue: false, CancellationToken.None);
                return;
            }

            var result = await ReadAsync(transfers, request, file, work, cancellationToken);
            await transfers.BasicPublishAsync("", QueueTopology.Results, mandatory: true, new BasicProperties { Persistent = true }, QueueJson.Write(result), cancellationToken);
            await files.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
            Interlocked.Increment(ref filesRead);
            LogRead(request.Name, result.Reason ?? "read");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Receives the file's bytes; false when they are no longer on the broker, or not whole.</summary>
    private static async Task<bool> ReceiveAsync(IChannel transfers, ReadRequest request, string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.Create(file);
            await FileParts.ReceiveAsync(transfers, request.File, stream, cancellationToken);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        catch (OperationInterruptedException error) when (error.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return false;
        }
    }

    /// <summary>The file's reading sent in parts, or the reason it cannot be read.</summary>
    private async Task<ReadResult> ReadAsync(IChannel transfers, ReadRequest request, string file, string work, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.MaxFileDuration);
        try
        {
            var archive = Path.Combine(work, "reading.zip");
            var pages = await reader.ReadAsync(request, file, work, archive, () => { }, deadline.Token);
            Interlocked.Add(ref pagesRead, pages);
            await using var stream = File.OpenRead(archive);
            var transfer = await FileParts.SendAsync(transfers, $"{request.JobId}.reading.{Guid.NewGuid():N}", stream, cancellationToken: cancellationToken);
            return new ReadResult(request.JobId, options.Name, identity, transfer, Reason: null, Detail: null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ReadResult(request.JobId, options.Name, identity, Reading: null, $"reading took longer than the limit of {options.MaxFileDuration.TotalMinutes:0.#} minutes", Detail: null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new ReadResult(request.JobId, options.Name, identity, Reading: null, FailureReasons.Of(error), FailureReasons.DetailOf(error));
        }
    }

    /// <summary>
    /// Why this worker reads nothing for the shelf the broker serves (the shelf announced another reading identity), or
    /// null when it reads for it or no shelf has announced itself. Logged when it changes; the shelf's status shows it.
    /// </summary>
    private async Task<string?> RefusalAsync(IChannel control, CancellationToken cancellationToken)
    {
        string? refusal = null;
        try
        {
            refusal = await ShelfAnnouncement.ReadAsync(control, cancellationToken) is { } shelf && shelf.DifferencesFrom(identity) is { Count: > 0 } differences
                ? string.Join("; ", differences)
                : null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogHeartbeatFailed(error.Message);
            return lastRefusal;
        }

        if (refusal != lastRefusal)
        {
            if (refusal is null)
            {
                LogAccepted(options.Name);
            }
            else
            {
                LogRefused(options.Name, connection.Endpoint.HostName, refusal);
            }
        }

        return lastRefusal = refusal;
    }

    private async Task StopConsumingAsync(IChannel files, string consumerTag)
    {
        try
        {
            await files.BasicCancelAsync(consumerTag, noWait: false, CancellationToken.None);
        }
        catch (Exception error) when (!files.IsOpen)
        {
            LogHandlingFailed(error); // the broker is away: what this worker held goes back to the queue with its channel
        }
    }

    /// <summary>
    /// Gives a file back because this worker is stopping, not because it failed: it goes back to the queue as a new
    /// message, so the broker's count of deliveries, which dead-letters a file that kills worker after worker, does
    /// not count a clean stop. Should that fail, it is given back as it is.
    /// </summary>
    private async Task ReturnUnreadAsync(IChannel files, BasicDeliverEventArgs delivery)
    {
        try
        {
            await using var channel = await connection.CreateChannelAsync(Confirming);
            await channel.BasicPublishAsync("", topology.Files, mandatory: true, new BasicProperties { Persistent = true }, delivery.Body);
            await files.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }
        catch (Exception error)
        {
            LogHandlingFailed(error);
            await GiveBackAsync(files, delivery.DeliveryTag);
        }
    }

    private async Task GiveBackAsync(IChannel files, ulong deliveryTag)
    {
        try
        {
            await files.BasicNackAsync(deliveryTag, multiple: false, requeue: true, CancellationToken.None);
        }
        catch (Exception error)
        {
            LogHandlingFailed(error); // the channel closes with the worker, which gives the file back all the same
        }
    }

    private async Task BeatAsync(IChannel channel, string? refusal, CancellationToken cancellationToken)
    {
        var now = reading.Values.Order(StringComparer.Ordinal).ToList();
        var beat = new WorkerHeartbeat(options.Name, identity, startedUtc, DateTime.UtcNow, filesRead, pagesRead, now.Count == 0 ? null : string.Join(", ", now), refusal);
        try
        {
            await channel.BasicPublishAsync("", QueueTopology.Workers, mandatory: false, new BasicProperties(), QueueJson.Write(beat), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogHeartbeatFailed(error.Message); // the client reconnects; the next beat goes through
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Name} is reading files from {Queue}")]
    private partial void LogStarted(string name, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker {Name} reads nothing for the shelf on {Host}: it has {Refusal}. Install the shelf's DocShelf release, import and choose its embedding model, and set its OCR languages; it reads as soon as it and the shelf agree")]
    private partial void LogRefused(string name, string host, string refusal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Name} reads under the shelf's identity")]
    private partial void LogAccepted(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Name} stopped after {Files} files")]
    private partial void LogStopped(string name, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Name}: {Outcome}")]
    private partial void LogRead(string name, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message in the files queue is not a DocShelf request ({Reason}); it goes to the dead files")]
    private partial void LogMalformed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A file could not be finished and stays with the broker")]
    private partial void LogHandlingFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name}: its bytes are no longer on the broker, or not whole; dropped (the shelf sends it again if it still wants it)")]
    private partial void LogGone(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A heartbeat could not be sent: {Reason}")]
    private partial void LogHeartbeatFailed(string reason);
}
