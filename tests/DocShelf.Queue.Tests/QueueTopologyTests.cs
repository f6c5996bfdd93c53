using System.Text;
using DocShelf.Fixtures.Testing;
using DocShelf.Queue.Broker;
using RabbitMQ.Client;

namespace DocShelf.Queue.Tests;

/// <summary>The queues DocShelf declares, on a real rabbitmq-server of the test's own.</summary>
public sealed class QueueTopologyTests : IAsyncLifetime
{
    private static readonly QueueTopology Topology = new(new Work.ReadingIdentity("1.1.0", null, null, "eng").Key);
    private LoopbackBroker broker = null!;

    public async Task InitializeAsync() => broker = await LoopbackBroker.StartAsync();

    public async Task DisposeAsync() => await broker.DisposeAsync();

    [Fact]
    public async Task A_file_confirmed_by_the_broker_is_still_waiting_after_the_broker_restarts()
    {
        await using (var connection = await Connect())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await Topology.DeclareAsync(channel);
            await channel.BasicPublishAsync("", Topology.Files, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("minutes-1894.pdf"));
        }

        await broker.RestartAsync();

        await using var again = await Connect();
        await using var reader = await again.CreateChannelAsync();
        var waiting = await reader.BasicGetAsync(Topology.Files, autoAck: true);
        Assert.Equal("minutes-1894.pdf", Encoding.UTF8.GetString(waiting!.Body.Span));
    }

    [Fact]
    public async Task A_file_given_back_more_times_than_the_limit_goes_to_the_dead_files()
    {
        var topology = Topology with { DeliveryLimit = 2 };
        await using var connection = await Connect();
        await using (var setup = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await topology.DeclareAsync(setup);
            await setup.BasicPublishAsync("", topology.Files, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("poison.pdf"));
        }

        // Each worker takes the file and dies holding it: its channel closes with the file unacknowledged.
        var taken = 0;
        for (var worker = 0; worker < 5; worker++)
        {
            await using var channel = await connection.CreateChannelAsync();
            if (await channel.BasicGetAsync(topology.Files, autoAck: false) is not null)
            {
                taken++;
            }
        }

        await using var reader = await connection.CreateChannelAsync();
        var dead = await reader.BasicGetAsync(QueueTopology.DeadFiles, autoAck: true);
        Assert.Equal(3, taken); // the first delivery and the two the limit allows after it
        Assert.Equal("poison.pdf", Encoding.UTF8.GetString(dead!.Body.Span));
        Assert.Equal(0u, (await reader.QueueDeclarePassiveAsync(topology.Files)).MessageCount);
    }

    private Task<IConnection> Connect() =>
        BrokerConnection.OpenAsync(BrokerAddress.Parse(broker.Address), broker.Password, "docshelf-test");
}
