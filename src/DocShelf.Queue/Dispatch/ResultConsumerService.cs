using DocShelf.Ingestion.Running;
using DocShelf.Queue.Broker;
using DocShelf.Queue.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace DocShelf.Queue.Dispatch;

/// <summary>
/// The shelf's listener on the broker while `docshelf serve --queue` runs: publishes workers' results one at a time
/// through <see cref="ReadingPublisher"/> and acknowledges each only once it is published, quarantines dead-lettered
/// files, and keeps the workers' heartbeats for the status. Results that waited while the shelf was down are
/// published as it comes back.
/// </summary>
public sealed partial class ResultConsumerService(ShelfQueue queue, ReadingPublisher publisher, ILogger<ResultConsumerService> logger) : BackgroundService
{
    /// <summary>How long a result that could not be published (the store failed) waits before it is tried again.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A channel each, so a heartbeat never waits behind a long reading being published.
        await using var results = await ConsumeAsync(QueueTopology.Results, (channel, delivery) => OnResultAsync(channel, delivery, stoppingToken), stoppingToken);
        await using var dead = await ConsumeAsync(QueueTopology.DeadFiles, (channel, delivery) => OnDeadFileAsync(channel, delivery, stoppingToken), stoppingToken);
        await using var heartbeats = await ConsumeAsync(QueueTopology.Workers, OnHeartbeatAsync, stoppingToken);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a result being published is not acknowledged, so it comes again and is dropped if it got through.
        }
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
                LogDropped(result.JobId, result.Worker);
            }
        }, stoppingToken);

    private Task OnDeadFileAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken) =>
        HandleAsync(channel, delivery, async () =>
        {
            var request = QueueJson.Read<ReadRequest>(delivery.Body.Span);
            if (await publisher.QuarantineDeadAsync(request, queue.Topology.DeliveryLimit + 1, stoppingToken) is { } outcome)
            {
                Tell(request.JobId, outcome);
                LogDead(outcome.Path);
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
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
        }
    }

    /// <summary>Tells the service's reading of the file, when it still waits (it does not after a restart).</summary>
    private void Tell(string jobId, FileOutcome outcome) => queue.Waiters.Complete(jobId, outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path}: {Outcome} (worker {Worker})")]
    private partial void LogPublished(string path, string worker, string outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped a result for job {Job} from worker {Worker}: no file awaits it any longer")]
    private partial void LogDropped(string job, string worker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} went round the workers too often without a reading; quarantined")]
    private partial void LogDead(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message in {Queue} is not DocShelf's and was dropped: {Reason}")]
    private partial void LogMalformed(string queue, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A result could not be published; it goes back to the broker to be tried again")]
    private partial void LogFailed(Exception error);
}
