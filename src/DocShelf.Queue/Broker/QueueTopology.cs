using RabbitMQ.Client;

namespace DocShelf.Queue.Broker;

/// <summary>
/// The queues DocShelf keeps on the broker, declared the same way by the shelf and by every worker, so whichever
/// starts first makes them. All are quorum queues: replicated on a cluster, persistent, and counting each
/// message's deliveries, which is what lets a file that kills worker after worker stop going round.
/// </summary>
/// <param name="Identity">
/// The <see cref="Work.ReadingIdentity.Key"/> files are read under: they wait in a queue of that name, which only
/// workers of the same identity take from.
/// </param>
/// <param name="DeliveryLimit">How many times a file is handed out again, after workers died holding it or gave it back, before it is dead-lettered.</param>
public sealed record QueueTopology(string Identity, int DeliveryLimit = 3)
{
    /// <summary>Files waiting to be read under <see cref="Identity"/>, one message each.</summary>
    public string Files => $"docshelf.files.{Identity}";

    /// <summary>Files that went round <see cref="DeliveryLimit"/> times without a reading, whatever their identity; the shelf quarantines them.</summary>
    public const string DeadFiles = "docshelf.files.dead";

    /// <summary>Workers' readings, waiting for the shelf to publish them.</summary>
    public const string Results = "docshelf.results";

    /// <summary>Workers' heartbeats, each kept a minute: the shelf reads them for its status.</summary>
    public const string Workers = "docshelf.workers";

    /// <summary>The reading identity of the shelf the workers serve, its latest word only, so a worker can tell it is not the one wanted.</summary>
    public const string Shelf = "docshelf.shelf";

    public async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken = default)
    {
        await channel.QueueDeclareAsync(Workers, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-message-ttl"] = 60_000 }, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(Shelf, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-max-length"] = 1 }, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(DeadFiles, durable: true, exclusive: false, autoDelete: false, Quorum(), cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(Results, durable: true, exclusive: false, autoDelete: false, Quorum(), cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(Files, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>(Quorum())
        {
            ["x-delivery-limit"] = DeliveryLimit,
            // Through the default exchange, straight to the dead files' queue, once the limit is passed.
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = DeadFiles,
        }, cancellationToken: cancellationToken);
    }

    private static Dictionary<string, object?> Quorum() => new() { ["x-queue-type"] = "quorum" };
}
