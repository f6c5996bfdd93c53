using System.Text.Json;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion.Watching;

namespace DocShelf.Queue.Tests;

/// <summary>
/// A broker of the test's own, a shelf served with `--queue` over an inbox, and workers in processes of their own,
/// each with its own data folder; every process gets the broker's password from a file only its user may read.
/// </summary>
public sealed class ShelfWithWorkers : IAsyncDisposable
{
    private readonly TempFolder folder = new();
    private readonly List<WorkerProcess> workers = [];
    private ServiceProcess? shelf;

    private ShelfWithWorkers(LoopbackBroker broker, bool tls)
    {
        Broker = broker;
        Address = tls ? broker.TlsAddress : broker.Address;
        Environment = tls
            ? new Dictionary<string, string> { ["DOCSHELF_QueuePasswordFile"] = PasswordFile, ["SSL_CERT_FILE"] = broker.CertificateAuthority }
            : new Dictionary<string, string> { ["DOCSHELF_QueuePasswordFile"] = PasswordFile };
        File.WriteAllText(PasswordFile, broker.Password + "\n");
        Search.OwnerOnly.CloseFile(PasswordFile);
    }

    public LoopbackBroker Broker { get; }

    public string Inbox => folder.Folder("inbox");

    public string Data => folder.File("shelf");

    public string PasswordFile => folder.File("broker-password");

    /// <summary>What the shelf and its workers are given as the broker's address: TLS when the setup was started with it.</summary>
    public string Address { get; }

    /// <summary>The password file, and with TLS the test's certificate authority as the one the processes trust.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public ServiceProcess Shelf => shelf ?? throw new InvalidOperationException("The shelf is not running.");

    public static async Task<ShelfWithWorkers> StartAsync(bool tls = false) => new(await LoopbackBroker.StartAsync(tls), tls);

    public ServiceProcess StartShelf()
    {
        shelf?.Dispose();
        shelf = ServiceProcess.Start(Data, Inbox, Environment, "--queue", Address);
        return shelf;
    }

    /// <param name="data">The worker's data folder; one of its own, named after it, when null.</param>
    /// <param name="environment">The worker's environment, when not the setup's own.</param>
    public WorkerProcess StartWorker(string name, string? data = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var worker = WorkerProcess.Start(data ?? folder.File($"worker-{name}"), Address, name, environment ?? Environment);
        workers.Add(worker);
        return worker;
    }

    /// <summary>Waits until every one of <paramref name="files"/> files is indexed or quarantined and nothing is in hand.</summary>
    public Task ReadAllAsync(int files, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(
            () => Shelf.Status() is { QueueDepth: 0, Shelf.Files: { Queued: 0, Processing: 0 } counts } && counts.Indexed + counts.Quarantined == files || Shelf.HasExited,
            $"the shelf has read all {files} files",
            timeout ?? TimeSpan.FromMinutes(5));

    /// <summary>The shelf's documents as `docshelf documents --json` lists them, by id, without what differs between two readings of the same files (when, and how long each step took).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DocumentsAsync(string data)
    {
        var listed = await CliRunner.RunAsync(data, "documents", "--json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        using var json = JsonDocument.Parse(listed.Output);
        return json.RootElement.EnumerateArray().ToDictionary(
            d => d.GetProperty("id").GetString()!,
            d => JsonSerializer.Serialize(d.EnumerateObject().Where(p => p.Name is not ("added" or "steps")).ToDictionary(p => p.Name, p => p.Value)),
            StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        shelf?.Dispose();
        workers.ForEach(w => w.Dispose());
        await Broker.DisposeAsync();
        folder.Dispose();
    }
}
