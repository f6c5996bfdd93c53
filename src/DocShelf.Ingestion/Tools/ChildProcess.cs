using System.Diagnostics;

namespace DocShelf.Ingestion.Tools;

/// <summary>
/// Runs a command-line tool under an address-space limit (through prlimit) and a timeout, killing the
/// whole process tree when either is exceeded. Standard output is captured for tools that print their results.
/// </summary>
public static class ChildProcess
{
    public static async Task<ToolResult> RunAsync(
        string tool, IEnumerable<string> arguments, ToolLimits limits, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--as={limits.MemoryBytes}");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(tool);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new ToolTimeoutException($"{tool} took longer than {limits.Timeout.TotalSeconds:0} s and was stopped");
        }

        return new ToolResult(process.ExitCode, await output, await error);
    }
}
