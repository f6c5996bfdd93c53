using System.Diagnostics;

namespace DocShelf.Benchmarks;

/// <summary>Runs processes and times them.</summary>
public static class Measure
{
    public static async Task<TimeSpan> RunAsync(string tool, IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        (await CaptureAsync(tool, arguments, environment)).Elapsed;

    /// <summary>Runs a tool to the end: how long it took and what it wrote to standard output.</summary>
    public static async Task<(TimeSpan Elapsed, string Output)> CaptureAsync(
        string tool, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        if (process.ExitCode is not (0 or 2))
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}{await output}");
        }

        return (clock.Elapsed, await output);
    }

    /// <summary>Runs the docshelf CLI built next to this program.</summary>
    public static Task<TimeSpan> DocShelfAsync(params string[] arguments) =>
        RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "docshelf.dll"), .. arguments]);

    /// <summary>
    /// The DocShelf the footprint, cold-command and archive-scale figures are for: the build beside the benchmarks, or the
    /// `docshelf.dll` or program DOCSHELF_BENCH_CLI names (another build, or the bundle's precompiled `app/docshelf`).
    /// </summary>
    public static string ChosenDocShelf => Environment.GetEnvironmentVariable("DOCSHELF_BENCH_CLI") ?? Path.Combine(AppContext.BaseDirectory, "docshelf.dll");

    /// <summary>How to start <see cref="ChosenDocShelf"/> with <paramref name="arguments"/>: through `dotnet` for a dll.</summary>
    public static ProcessStartInfo ChosenDocShelfStart(params string[] arguments) =>
        ChosenDocShelf.EndsWith(".dll", StringComparison.Ordinal)
            ? new ProcessStartInfo("dotnet", [ChosenDocShelf, .. arguments])
            : new ProcessStartInfo(ChosenDocShelf, arguments);

    /// <summary>Runs <see cref="ChosenDocShelf"/> to the end and times it.</summary>
    public static async Task<TimeSpan> ChosenDocShelfAsync(params string[] arguments) =>
        (await ChosenDocShelfCaptureAsync(arguments)).Elapsed;

    /// <summary>Runs <see cref="ChosenDocShelf"/> to the end: how long it took and what it wrote to standard output.</summary>
    public static Task<(TimeSpan Elapsed, string Output)> ChosenDocShelfCaptureAsync(params string[] arguments)
    {
        var start = ChosenDocShelfStart(arguments);
        return CaptureAsync(start.FileName, start.ArgumentList);
    }

    /// <summary>A process's resident memory as the kernel counts it: VmRSS now, or VmHWM for its high-water mark.</summary>
    public static long ResidentBytes(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
