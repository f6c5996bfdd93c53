using System.Net.Security;
using DocShelf.Queue.Transfer;
using RabbitMQ.Client;

namespace DocShelf.Queue.Broker;

/// <summary>
/// Opens DocShelf's connection to the broker: TLS for amqps (the broker's certificate checked against the machine's
/// trusted ones and the host's name), the connection named after this process so the broker's own tools show who
/// is who, and recovered by the client after the broker restarts or the network drops, queues and consumers with it.
/// </summary>
public static class BrokerConnection
{
    public static Task<IConnection> OpenAsync(BrokerAddress address, string password, string clientName, CancellationToken cancellationToken = default)
    {
        var factory = new ConnectionFactory
        {
            HostName = address.Host,
            Port = address.Port,
            UserName = address.User,
            Password = password,
            VirtualHost = address.VirtualHost,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            // A transfer's queue is declared by its sender and deleted by its receiver, over another connection: were
            // the sender's client to declare it again after a broker restart, an empty queue would outlive its file.
            TopologyRecoveryFilter = new TopologyRecoveryFilter { QueueFilter = queue => !queue.Name.StartsWith(FileParts.QueuePrefix, StringComparison.Ordinal) },
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            RequestedHeartbeat = TimeSpan.FromSeconds(30),
            Ssl = new SslOption
            {
                Enabled = address.Tls,
                ServerName = address.Host,
                AcceptablePolicyErrors = SslPolicyErrors.None,
            },
        };
        return factory.CreateConnectionAsync(cancellationToken);
    }
}
