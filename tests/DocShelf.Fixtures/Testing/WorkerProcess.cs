using System.Collections.Concurrent;
using System.Diagnostics;

namespace DocShelf.Fixtures.Testing;

/// <summary>
/// The real `docshelf worker` in a child process, with its own data folder, which a test can kill like a power cut
/// or stop like systemd. What it logs is kept, to be read while it runs. Needs docshelf.dll beside the test assembly.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private WorkerProcess(Process process, string data, string name)
    {
        this.process = process;
        Data = data;
        Name = name;
    }

    public string Data { get; }

    /// <summary>How the shelf's status names the worker.</summary>
    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the worker has written so far, standard output and error together.</summary>
    public string Output => string.Join('\n', lines);

    /// <summary>Whether the worker holds a file now: one received into its scratch folder and not yet done with.</summary>
    public bool HoldsFile =>
        Directory.Exists(Path.Combine(Data, "worker")) && Directory.EnumerateFiles(Path.Combine(Data, "worker"), "file", SearchOption.AllDirectories).Any();

    /// <param name="environment">Variables such as DOCSHELF_QueuePasswordFile.</param>
    public static WorkerProcess Start(string data, string queue, string name, IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "docshelf.dll"), "--data", data, "worker", "--queue", queue, "--name", name, .. extraArguments];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var worker = new WorkerProcess(process, data, name);
        process.OutputDataReceived += (_, line) => worker.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => worker.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public void Kill() => ProcessEnd.Kill(process);

    /// <summary>Sends SIGTERM, as systemd does, and waits for the worker to exit.</summary>
    public Task<int> StopAsync() => ProcessEnd.TerminateAsync(process);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(limit.Token);
        return process.ExitCode;
    }

    public void Dispose() => ProcessEnd.Dispose(process);

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
