using System.Diagnostics;

namespace DocShelf.Fixtures.Testing;

/// <summary>Runs the real `docshelf` executable built next to the tests, with output redirected as a script would.</summary>
public static class CliRunner
{
    public static Task<CliResult> RunAsync(string dataDirectory, params string[] arguments) =>
        RunAsync(dataDirectory, new Dictionary<string, string>(), arguments);

    /// <param name="environment">Variables set for this run only, such as DOCSHELF_* settings.</param>
    public static Task<CliResult> RunAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync(dataDirectory, environment, [], arguments);

    /// <param name="environment">Variables set for this run only, such as DOCSHELF_* settings.</param>
    /// <param name="unset">Variables this run must not inherit.</param>
    public static Task<CliResult> RunAsync(
        string dataDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> unset, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var name in unset)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "docshelf.dll"));
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(dataDirectory);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return RunAsync(start);
    }

    /// <summary>Runs <paramref name="start"/> (its output redirected) to its end, and gives what it printed and its exit code.</summary>
    public static async Task<CliResult> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await output, await error);
    }
}
