using System.Diagnostics;

namespace DocShelf.Fixtures.Testing;

/// <summary>Runs a command-line tool a test needs, throwing (and so failing the test) if the tool fails.</summary>
public static class Tool
{
    /// <summary>Whether a program of that name is on the PATH, for what runs only where a tool is installed.</summary>
    public static bool IsOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, name)));

    /// <summary>Runs the tool to the end and returns what it wrote to standard output.</summary>
    public static async Task<string> RunAsync(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        var written = await output;
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? written
            : throw new InvalidOperationException($"{name} failed with exit code {process.ExitCode}: {error}");
    }
}
