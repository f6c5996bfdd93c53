using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using RabbitMQ.Client;

namespace DocShelf.Fixtures.Testing;

/// <summary>
/// A RabbitMQ broker of the test's own: Debian's rabbitmq-server, run as a child process on free loopback ports with
/// its node name, configuration and data in a folder of its own, so tests run side by side and a restarted broker
/// finds its durable queues again. One user, made at first start with a random password.
/// </summary>
public sealed class LoopbackBroker : IAsyncDisposable
{
    /// <summary>Where Debian keeps the broker's own start script; the one on the PATH switches to the rabbitmq user.</summary>
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    private readonly TempFolder folder = new();
    private readonly string nodeName = $"docshelf{Guid.NewGuid():N}"[..20] + "@localhost";
    private readonly int distributionPort = FreePort();
    private Process? server;

    private LoopbackBroker()
    {
        Port = FreePort();
        File.WriteAllText(folder.File("rabbitmq.conf"), string.Join('\n',
            "loopback_users = none",
            $"default_user = {User}",
            $"default_pass = {Password}",
            "log.console = false",
            $"log.file = {folder.File("broker.log")}",
            ""));
        File.WriteAllText(folder.File("enabled_plugins"), "[].\n");
    }

    public int Port { get; }

    public const string User = "docshelf";

    public string Password { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>The broker's address as a worker is given it: user and host, never the password.</summary>
    public string Address => $"amqp://{User}@127.0.0.1:{Port}/";

    /// <summary>What the broker wrote about itself, for a test's failure message.</summary>
    public string Log => File.Exists(folder.File("broker.log")) ? File.ReadAllText(folder.File("broker.log")) : "";

    public static async Task<LoopbackBroker> StartAsync()
    {
        var broker = new LoopbackBroker();
        await broker.StartServerAsync();
        return broker;
    }

    /// <summary>A connection as the test's own client, for looking at queues.</summary>
    public Task<IConnection> ConnectAsync() =>
        new ConnectionFactory { HostName = "127.0.0.1", Port = Port, UserName = User, Password = Password }.CreateConnectionAsync();

    /// <summary>Every queue on the broker with the messages waiting in it, as rabbitmqctl lists them.</summary>
    public async Task<IReadOnlyDictionary<string, int>> QueuesAsync()
    {
        var listed = await ControlAsync("list_queues", "--quiet", "--no-table-headers", "name", "messages");
        return listed.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToDictionary(columns => columns[0], columns => int.Parse(columns[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    /// <summary>Stops the broker as its service would be stopped, then starts it again on the same port and data.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartServerAsync();
    }

    /// <summary>Stops the broker cleanly; durable queues and their persistent messages stay in its data folder.</summary>
    public async Task StopAsync()
    {
        if (server is null)
        {
            return;
        }

        await ControlAsync("stop");
        await server.WaitForExitAsync();
        server.Dispose();
        server = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server?.Dispose();
        folder.Dispose();
    }

    private async Task StartServerAsync()
    {
        var start = WithBrokerEnvironment(new ProcessStartInfo(ServerScript) { RedirectStandardOutput = true, RedirectStandardError = true });
        server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var started = server;
        await Eventually.HoldsAsync(async () => started.HasExited || await AcceptsConnectionsAsync(), "the broker accepts connections", TimeSpan.FromSeconds(60));
        if (server.HasExited)
        {
            throw new InvalidOperationException($"rabbitmq-server exited with code {server.ExitCode}: {Log}");
        }
    }

    /// <summary>Runs rabbitmqctl on this broker's node; returns what it printed.</summary>
    private async Task<string> ControlAsync(params string[] arguments)
    {
        var start = WithBrokerEnvironment(new ProcessStartInfo(ControlScript, ["-n", nodeName, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true });
        using var control = Process.Start(start)!;
        var said = control.StandardError.ReadToEndAsync();
        var printed = await control.StandardOutput.ReadToEndAsync();
        await control.WaitForExitAsync();
        if (control.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed with exit code {control.ExitCode}: {await said}");
        }

        return printed;
    }

    /// <summary>The node's name, ports and folders, for the broker and for the control tool that must find it.</summary>
    private ProcessStartInfo WithBrokerEnvironment(ProcessStartInfo start)
    {
        start.Environment["HOME"] = folder.Path; // where the Erlang cookie the control tool shares with the node is kept
        start.Environment["RABBITMQ_NODENAME"] = nodeName;
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_CONFIG_FILE"] = folder.File("rabbitmq.conf");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = folder.File("enabled_plugins");
        start.Environment["RABBITMQ_MNESIA_BASE"] = folder.File("mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = folder.File("log");
        return start;
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            await using var connection = await ConnectAsync();
            return connection.IsOpen;
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
