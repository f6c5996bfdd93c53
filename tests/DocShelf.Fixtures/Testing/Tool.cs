using System.Diagnostics;

namespace DocShelf.Fixtures.Testing;

/// <summary>Runs a command-line tool a test needs to prepare its input, throwing (and so failing the test) if the tool fails.</summary>
public static class Tool
{
    public static async Task RunAsync(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await output;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} failed with exit code {process.ExitCode}: {error}");
        }
    }
}
