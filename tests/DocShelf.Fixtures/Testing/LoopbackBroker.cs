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

    /// <param name="tls">Also listen for TLS (<see cref="TlsAddress"/>), with a certificate for localhost signed by an authority made for this broker alone.</param>
    public static async Task<LoopbackBroker> StartAsync(bool tls = false)
    {
        var broker = new LoopbackBroker();
        if (tls)
        {
            await broker.ListenWithTlsAsync();
        }

        await broker.StartServerAsync();
        return broker;
    }

    /// <summary>Where the broker listens for TLS, when started with it.</summary>
    public int TlsPort { get; } = FreePort();

    /// <summary>The TLS address, by the name its certificate is made out to.</summary>
    public string TlsAddress => $"amqps://{User}@localhost:{TlsPort}/";

    /// <summary>The certificate of the authority that signed the broker's: trusted by a process given it as SSL_CERT_FILE, by nobody else.</summary>
    public string CertificateAuthority => folder.File("authority.pem");

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

    private async Task ListenWithTlsAsync()
    {
        await Tool.RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder.File("authority.key"), "-out", CertificateAuthority, "-days", "2", "-subj", "/CN=DocShelf test authority");
        await Tool.RunAsync("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", folder.File("broker.key"), "-out", folder.File("broker.csr"), "-subj", "/CN=localhost");
        await File.WriteAllTextAsync(folder.File("broker.ext"), "subjectAltName=DNS:localhost\n");
        await Tool.RunAsync(
            "openssl", "x509", "-req", "-in", folder.File("broker.csr"), "-CA", CertificateAuthority, "-CAkey", folder.File("authority.key"), "-CAcreateserial",
            "-out", folder.File("broker.pem"), "-days", "2", "-extfile", folder.File("broker.ext"));
        await File.AppendAllTextAsync(folder.File("rabbitmq.conf"), string.Join('\n',
            $"listeners.ssl.1 = 127.0.0.1:{TlsPort}",
            $"ssl_options.cacertfile = {CertificateAuthority}",
            $"ssl_options.certfile = {folder.File("broker.pem")}",
            $"ssl_options.keyfile = {folder.File("broker.key")}",
            "ssl_options.verify = verify_none",
            "ssl_options.fail_if_no_peer_cert = false",
            ""));
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
