using System.Diagnostics;
using DocShelf.Ingestion.Watching;

namespace DocShelf.Fixtures.Testing;

/// <summary>
/// The real `docshelf serve` in a child process, which a test can kill like a power cut or stop like systemd. It
/// listens on a free loopback port, so tests can run side by side. Needs docshelf.dll beside the test assembly.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process process;
    private readonly string data;

    private ServiceProcess(Process process, string data)
    {
        this.process = process;
        this.data = data;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static ServiceProcess Start(string data, string inbox, params string[] extraArguments) =>
        Start(data, inbox, new Dictionary<string, string>(), extraArguments);

    /// <param name="environment">Variables set for this service only, such as TMPDIR.</param>
    public static ServiceProcess Start(string data, string inbox, IReadOnlyDictionary<string, string> environment, params string[] extraArguments) =>
        Start(Path.Combine(AppContext.BaseDirectory, "docshelf.dll"), data, inbox, environment, extraArguments);

    /// <param name="program">The DocShelf to run: a `docshelf.dll` (through `dotnet`), or a published program such as the bundle's.</param>
    /// <param name="environment">Variables set for this service only, such as TMPDIR.</param>
    public static ServiceProcess Start(string program, string data, string inbox, IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        var throughDotnet = program.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(throughDotnet ? "dotnet" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // Quick defaults for tests; an option named in extraArguments replaces its default.
        string[][] defaults = [["--settle-seconds", "0.3"], ["--rescan-seconds", "1"], ["--delete-grace-seconds", "1"], ["--listen", "127.0.0.1:0"]];
        string[] arguments =
        [
            .. throughDotnet ? [program] : Array.Empty<string>(), "--data", data, "serve", "--inbox", inbox,
            .. defaults.Where(d => !extraArguments.Contains(d[0])).SelectMany(d => d),
            .. extraArguments,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, data);
    }

    /// <summary>The status this process last published, or null before its first.</summary>
    public ServiceStatus? Status() => ServiceStatusFile.Read(data) is { } status && status.ProcessId == process.Id ? status : null;

    /// <summary>Waits until the service has published the address of its web page, and returns it.</summary>
    public async Task<string> WebUrlAsync()
    {
        string? url = null;
        await Eventually.HoldsAsync(() => (url = Status()?.WebUrl) is not null || HasExited, "the service publishes its web address");
        return url ?? throw new InvalidOperationException("The service exited before it served its page.");
    }

    public void Kill() => ProcessEnd.Kill(process);

    /// <summary>Sends SIGTERM, as systemd does, and waits for a clean exit.</summary>
    public Task<int> StopAsync() => ProcessEnd.TerminateAsync(process);

    public void Dispose() => ProcessEnd.Dispose(process);
}
