using DocShelf.Queue.Broker;
using DocShelf.Queue.Messages;
using DocShelf.Queue.Transfer;
using DocShelf.Queue.Work;
using RabbitMQ.Client;

namespace DocShelf.Queue.Dispatch;

/// <summary>
/// The shelf's side of the broker: one connection (recovered by the client after a broker restart), the queues
/// declared, the shelf's reading identity announced so a worker of another can tell, and the files handed out.
/// </summary>
public sealed class ShelfQueue : IAsyncDisposable
{
    private static readonly CreateChannelOptions Confirming = new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    private ShelfQueue(IConnection connection, BrokerAddress address, ReadingIdentity identity)
    {
        Connection = connection;
        Address = address;
        Identity = identity;
        Topology = new QueueTopology(identity.Key);
    }

    public IConnection Connection { get; }

    public BrokerAddress Address { get; }

    /// <summary>What files are read under on this shelf; workers of another identity are never handed one.</summary>
    public ReadingIdentity Identity { get; }

    public QueueTopology Topology { get; }

    /// <summary>The service's files in the workers' hands, by job.</summary>
    public JobWaiters Waiters { get; } = new();

    /// <summary>What the workers last said of themselves.</summary>
    public WorkerBoard Workers { get; } = new();

    public static async Task<ShelfQueue> ConnectAsync(BrokerAddress address, string password, ReadingIdentity identity, CancellationToken cancellationToken)
    {
        var connection = await BrokerConnection.OpenAsync(address, password, $"docshelf serve on {Environment.MachineName}", cancellationToken);
        try
        {
            var queue = new ShelfQueue(connection, address, identity);
            await using var channel = await connection.CreateChannelAsync(Confirming, cancellationToken);
            await queue.Topology.DeclareAsync(channel, cancellationToken);
            await ShelfAnnouncement.PublishAsync(channel, identity, cancellationToken);
            return queue;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Puts a file's bytes and its request on the broker; returns, once the broker has confirmed both, how the bytes went.</summary>
    public async Task<TransferDescription> SendAsync(string jobId, string name, Stream content, Ingestion.Chunking.ChunkingOptions chunking, bool withSentences, CancellationToken cancellationToken)
    {
        await using var channel = await Connection.CreateChannelAsync(Confirming, cancellationToken);
        var file = await FileParts.SendAsync(channel, jobId, content, cancellationToken: cancellationToken);
        var request = new ReadRequest(jobId, name, file, Identity, chunking, withSentences);
        await channel.BasicPublishAsync("", Topology.Files, mandatory: true, new BasicProperties { Persistent = true }, QueueJson.Write(request), cancellationToken);
        return file;
    }

    /// <summary>Writes a transfer's bytes to <paramref name="destination"/>, checked against its sha256.</summary>
    public async Task ReceiveAsync(TransferDescription transfer, Stream destination, CancellationToken cancellationToken)
    {
        await using var channel = await Connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await FileParts.ReceiveAsync(channel, transfer, destination, cancellationToken);
    }

    /// <summary>Deletes the parts of transfers that are dealt with: a file published or quarantined, a reading published or dropped.</summary>
    public async Task DeleteTransfersAsync(IEnumerable<string> transferIds, CancellationToken cancellationToken)
    {
        await using var channel = await Connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var id in transferIds)
        {
            await FileParts.DeleteAsync(channel, id, cancellationToken);
        }
    }

    /// <summary>Files waiting in the queue for a worker, as the broker counts them.</summary>
    public async Task<uint> CountWaitingAsync(CancellationToken cancellationToken)
    {
        await using var channel = await Connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return (await channel.QueueDeclarePassiveAsync(Topology.Files, cancellationToken)).MessageCount;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
