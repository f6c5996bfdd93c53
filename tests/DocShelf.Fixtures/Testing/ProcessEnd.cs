using System.Diagnostics;
using System.Globalization;

namespace DocShelf.Fixtures.Testing;

/// <summary>How a test ends a DocShelf process it started: like a power cut, or like systemd stopping it.</summary>
public static class ProcessEnd
{
    public static void Kill(Process process)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>Sends SIGTERM, as systemd does, and waits up to two minutes for the process to exit; returns its exit code.</summary>
    public static async Task<int> TerminateAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>Kills the process if it still runs, and lets it go.</summary>
    public static void Dispose(Process process)
    {
        if (!process.HasExited)
        {
            Kill(process);
        }

        process.Dispose();
    }
}
