using System.Security.Cryptography;
using DocShelf.Fixtures.Testing;
using DocShelf.Queue.Broker;
using DocShelf.Queue.Transfer;
using RabbitMQ.Client;

namespace DocShelf.Queue.Tests;

/// <summary>Files carried over a real rabbitmq-server in parts of bounded size, checked by sha256 at both ends.</summary>
public sealed class FilePartsTests : IAsyncLifetime
{
    private const int PartBytes = 256 * 1024;
    private LoopbackBroker broker = null!;
    private IConnection connection = null!;

    public async Task InitializeAsync()
    {
        broker = await LoopbackBroker.StartAsync();
        connection = await BrokerConnection.OpenAsync(BrokerAddress.Parse(broker.Address), broker.Password, "docshelf-test");
    }

    public async Task DisposeAsync()
    {
        await connection.DisposeAsync();
        await broker.DisposeAsync();
    }

    [Fact]
    public async Task A_file_travels_in_bounded_parts_arrives_whole_and_its_parts_wait_for_the_next_receiver_until_deleted()
    {
        var original = RandomNumberGenerator.GetBytes(3 * PartBytes + 1000);
        await using var sender = await ConfirmingChannel();

        var transfer = await FileParts.SendAsync(sender, "t1", new MemoryStream(original), PartBytes);
        var sizes = await PartSizes("t1");
        var first = await Receive(transfer);
        var second = await Receive(transfer); // a receiver that died after reading leaves them for the next
        await FileParts.DeleteAsync(sender, "t1");

        Assert.Equal((4, original.LongLength, Convert.ToHexStringLower(SHA256.HashData(original))), (transfer.Parts, transfer.Bytes, transfer.Sha256));
        Assert.All(sizes, size => Assert.InRange(size, 1, PartBytes));
        Assert.Equal(original, first);
        Assert.Equal(original, second);
        await using var look = await connection.CreateChannelAsync();
        await Assert.ThrowsAnyAsync<RabbitMQ.Client.Exceptions.OperationInterruptedException>(() => look.QueueDeclarePassiveAsync(FileParts.QueueName("t1")));
    }

    [Fact]
    public async Task A_file_that_is_not_what_was_sent_or_is_missing_a_part_is_refused()
    {
        await using var sender = await ConfirmingChannel();
        var transfer = await FileParts.SendAsync(sender, "t2", new MemoryStream(RandomNumberGenerator.GetBytes(2 * PartBytes)), PartBytes);

        var changed = await Assert.ThrowsAsync<InvalidDataException>(() => Receive(transfer with { Sha256 = new string('0', 64) }));
        var missing = await Assert.ThrowsAsync<InvalidDataException>(() => Receive(transfer with { Parts = 3 }));

        Assert.Contains("not the", changed.Message, StringComparison.Ordinal);
        Assert.Contains("holds 2 of its 3 parts", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_that_fails_part_way_leaves_no_parts_behind()
    {
        await using var sender = await ConfirmingChannel();
        var failing = new FailingAfter(RandomNumberGenerator.GetBytes(3 * PartBytes), PartBytes + 10);

        await Assert.ThrowsAsync<IOException>(() => FileParts.SendAsync(sender, "t3", failing, PartBytes));

        await using var look = await connection.CreateChannelAsync();
        await Assert.ThrowsAnyAsync<RabbitMQ.Client.Exceptions.OperationInterruptedException>(() => look.QueueDeclarePassiveAsync(FileParts.QueueName("t3")));
    }

    private async Task<IChannel> ConfirmingChannel() =>
        await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

    private async Task<byte[]> Receive(TransferDescription transfer)
    {
        await using var channel = await connection.CreateChannelAsync();
        var received = new MemoryStream();
        await FileParts.ReceiveAsync(channel, transfer, received);
        return received.ToArray();
    }

    /// <summary>The sizes of the messages in the transfer's queue, looked at and given back.</summary>
    private async Task<List<int>> PartSizes(string transferId)
    {
        await using var channel = await connection.CreateChannelAsync();
        var sizes = new List<int>();
        while (await channel.BasicGetAsync(FileParts.QueueName(transferId), autoAck: false) is { } part)
        {
            sizes.Add(part.Body.Length);
        }

        return sizes;
    }

    /// <summary>A file whose disk fails once <paramref name="limit"/> bytes have been read.</summary>
    private sealed class FailingAfter(byte[] content, int limit) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= limit ? throw new IOException("the disk failed") : base.ReadAsync(buffer, cancellationToken);
    }
}
