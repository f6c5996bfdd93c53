using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Watching;
using DocShelf.Queue.Broker;
using DocShelf.Queue.Messages;
using DocShelf.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace DocShelf.Queue.Dispatch;

/// <summary>
/// The shelf's listener on the broker while `docshelf serve --queue` runs: publishes workers' results one at a time
/// through <see cref="ReadingPublisher"/> and acknowledges each only once it is in the store, quarantines
/// dead-lettered files, and keeps the workers' heartbeats for the status. Every two seconds it commits the lexical
/// index over what was published since (a kill before that loses nothing: the index is brought in line with the store
/// when the shelf opens). Results that waited while the shelf was down are
/// published as it comes back.
/// </summary>
public sealed partial class ResultConsumerService(Shelf shelf, ShelfQueue queue, ReadingPublisher publisher, ServiceBoard board, ILogger<ResultConsumerService> logger) : BackgroundService
{
    /// <summary>How long a result that could not be published (the store failed) waits before it is tried again.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>How often the workers' part of the status is taken again.</summary>
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(2);

    private int published;
    private int failed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A channel each, so a heartbeat never waits behind a long reading being published.
        await using var results = await ConsumeAsync(QueueTopology.Results, (channel, delivery) => OnResultAsync(channel, delivery, stoppingToken), stoppingToken);
        await using var dead = await ConsumeAsync(QueueTopology.DeadFiles, (channel, delivery) => OnDeadFileAsync(channel, delivery, stoppingToken), stoppingToken);
        await using var heartbeats = await ConsumeAsync(QueueTopology.Workers, OnHeartbeatAsync, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                publisher.CommitPending();
                board.Workers = await StatusAsync(stoppingToken);
                await Task.Delay(StatusEvery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a result being published is not acknowledged, so it comes again and is dropped if it got through.
        }
        finally
        {
            publisher.CommitPending();
        }
    }

    /// <summary>The files at the broker and at workers, and what each worker last said; the broker's count stays as last known while it is away.</summary>
    private async Task<WorkersStatus> StatusAsync(CancellationToken stoppingToken)
    {
        var waiting = board.Workers?.Waiting ?? 0;
        try
        {
            waiting = (int)await queue.CountWaitingAsync(stoppingToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogCountFailed(error.Message);
        }

        var handedOut = shelf.Queue.HandedOut().Count(e => e.Job is { Confirmed: true });
        return new WorkersStatus
        {
            Broker = queue.Address.ToString(),
            HandedOut = handedOut,
            Waiting = waiting,
            AtWorkers = Math.Max(0, handedOut - waiting),
            Published = Volatile.Read(ref published),
            Failed = Volatile.Read(ref failed),
            Workers = queue.Workers.Snapshot(queue.Identity, DateTime.UtcNow),
        };
    }

    private async Task<IChannel> ConsumeAsync(string queueName, Func<IChannel, BasicDeliverEventArgs, Task> handle, CancellationToken stoppingToken)
    {
        var channel = await queue.Connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: 1, global: false, stoppingToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => handle(channel, delivery);
        await channel.BasicConsumeAsync(queueName, autoAck: false, consumer, stoppingToken);
        return channel;
    }

    private Task OnResultAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken) =>
        HandleAsync(channel, delivery, async () =>
        {
            var result = QueueJson.Read<ReadResult>(delivery.Body.Span);
            if (await publisher.PublishAsync(result, stoppingToken) is { } outcome)
            {
                Tell(result.JobId, outcome);
                LogPublished(outcome.Path, result.Worker, outcome.Reason ?? "read");
            }
            else
            {
                queue.Waiters.Complete(result.JobId, outcome: null);
                LogDropped(result.JobId, result.Worker);
            }
        }, stoppingToken);

    private Task OnDeadFileAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken) =>
        HandleAsync(channel, delivery, async () =>
        {
            var request = QueueJson.Read<ReadRequest>(delivery.Body.Span);
            var reason = DeadLetters.WasRejected(delivery.BasicProperties)
                ? "a worker could not take the file's bytes whole from the broker"
                : $"{queue.Topology.DeliveryLimit + 1} workers died reading it without an answer; the file may crash the reader";
            if (await publisher.QuarantineDeadAsync(request, reason, stoppingToken) is { } outcome)
            {
                Tell(request.JobId, outcome);
                LogDead(outcome.Path);
            }
            else
            {
                queue.Waiters.Complete(request.JobId, outcome: null);
            }
        }, stoppingToken);

    private async Task OnHeartbeatAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        try
        {
            queue.Workers.Heard(QueueJson.Read<WorkerHeartbeat>(delivery.Body.Span), DateTime.UtcNow);
        }
        catch (InvalidDataException error)
        {
            LogMalformed(QueueTopology.Workers, error.Message);
        }

        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
    }

    /// <summary>
    /// Runs <paramref name="handle"/> and acknowledges the message once it is done; a message that is not DocShelf's
    /// is acknowledged and logged, and one the shelf could not deal with (its store failed) is given back to try again.
    /// </summary>
    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, Func<Task> handle, CancellationToken stoppingToken)
    {
        try
        {
            await handle();
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
        }
        catch (InvalidDataException error)
        {
            LogMalformed(delivery.RoutingKey, error.Message);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Not acknowledged: it waits for the next start.
        }
        catch (Exception error)
        {
            LogFailed(error);
            await Task.Delay(RetryAfter, stoppingToken);
            await GiveBackAsync(channel, delivery.DeliveryTag);
        }
    }

    private async Task GiveBackAsync(IChannel channel, ulong deliveryTag)
    {
        try
        {
            await channel.BasicNackAsync(deliveryTag, multiple: false, requeue: true, CancellationToken.None);
        }
        catch (Exception error) when (!channel.IsOpen)
        {
            // The broker went away: what was not acknowledged comes again once the client has reconnected.
            LogFailed(error);
        }
    }

    /// <summary>
    /// Tells the service's reading of the file what became of it; when no reading waits (the shelf restarted since
    /// sending the file), tells the service the shelf changed, so its status counts it.
    /// </summary>
    private void Tell(string jobId, FileOutcome outcome)
    {
        Interlocked.Increment(ref outcome.Status == FileStatus.Quarantined ? ref failed : ref published);
        if (!queue.Waiters.Complete(jobId, outcome))
        {
            board.EditedShelf();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path}: {Outcome} (worker {Worker})")]
    private partial void LogPublished(string path, string worker, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped a result for job {Job} from worker {Worker}: no file awaits it any longer (it was published already, or the file changed or left)")]
    private partial void LogDropped(string job, string worker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} went round the workers too often without a reading; quarantined")]
    private partial void LogDead(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message in {Queue} is not DocShelf's and was dropped: {Reason}")]
    private partial void LogMalformed(string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the files waiting on the broker: {Reason}")]
    private partial void LogCountFailed(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A result could not be published; it goes back to the broker to be tried again")]
    private partial void LogFailed(Exception error);
}
