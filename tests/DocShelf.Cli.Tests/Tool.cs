using System.Diagnostics;

namespace DocShelf.Cli.Tests;

/// <summary>Runs a command-line tool a test needs to prepare its input, failing the test if the tool fails.</summary>
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
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{name} failed: {error}");
    }
}
