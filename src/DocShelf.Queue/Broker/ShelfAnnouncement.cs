using DocShelf.Queue.Messages;
using DocShelf.Queue.Work;
using RabbitMQ.Client;

namespace DocShelf.Queue.Broker;

/// <summary>
/// The reading identity of the shelf the broker serves, kept as the one message of <see cref="QueueTopology.Shelf"/>:
/// the shelf announces it as it starts, and a worker (or `doctor`) reads it to tell whether it may read for it.
/// </summary>
public static class ShelfAnnouncement
{
    public static async Task PublishAsync(IChannel channel, ReadingIdentity identity, CancellationToken cancellationToken) =>
        await channel.BasicPublishAsync("", QueueTopology.Shelf, mandatory: true, new BasicProperties { Persistent = true }, QueueJson.Write(identity), cancellationToken);

    /// <summary>
    /// The identity the shelf announced, or null when no shelf has yet. The message is given back at once; several
    /// readers may look at the same moment, so an empty look is tried again a few times.
    /// </summary>
    public static async Task<ReadingIdentity?> ReadAsync(IChannel channel, CancellationToken cancellationToken)
    {
        for (var look = 0; look < 5; look++)
        {
            if (await channel.BasicGetAsync(QueueTopology.Shelf, autoAck: false, cancellationToken) is { } announced)
            {
                await channel.BasicNackAsync(announced.DeliveryTag, multiple: false, requeue: true, cancellationToken);
                return QueueJson.Read<ReadingIdentity>(announced.Body.Span);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        return null;
    }
}
