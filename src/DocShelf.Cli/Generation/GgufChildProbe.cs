using System.Diagnostics;
using System.Text.Json;
using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;

namespace DocShelf.Cli.Generation;

/// <summary>
/// Runs <see cref="GgufProbe"/> in a process of its own (`docshelf models probe FILE`): llama.cpp parses the file,
/// and one that makes it abort ends that process, not the command or the service that asked. Not through the readers'
/// ChildProcess: its address-space limit would refuse a .NET program that maps gigabytes of weights, and the memory
/// the model needs is checked by the probe itself before it loads.
/// </summary>
public static class GgufChildProbe
{
    /// <summary>Long enough to load a few gigabytes from a slow disk and write a few tokens on two cores.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="ChatModelException">The file cannot be used, with the probe's reason or the way its process ended.</exception>
    public static GgufProbeReport Run(string path)
    {
        var start = ProgramItself.With(["models", "probe", path]);
        start.Environment["GGML_NO_BACKTRACE"] = "1"; // an abort ends at once, without looking for a debugger to print its stack
        using var process = Process.Start(start) ?? throw new ChatModelException("The probe's process did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new ChatModelException($"Trying {Path.GetFileName(path)} took longer than {Limit.TotalMinutes:0} minutes and was stopped.");
        }

        process.WaitForExit(); // the output is read to its end
        if (process.ExitCode == 0)
        {
            return JsonSerializer.Deserialize<GgufProbeReport>(output.Result, Json) ?? throw new ChatModelException("The probe wrote no report.");
        }

        var lines = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        const string Prefix = "docshelf: ";
        if (lines.LastOrDefault(line => line.StartsWith(Prefix, StringComparison.Ordinal)) is { } said)
        {
            throw new ChatModelException(said[Prefix.Length..]);
        }

        var assertion = lines.LastOrDefault(line => line.Contains("GGML_ASSERT", StringComparison.Ordinal)) is { } failed ? $" at {failed[failed.IndexOf("GGML_ASSERT", StringComparison.Ordinal)..]}" : "";
        throw new ChatModelException($"llama.cpp {Ending(process.ExitCode)} while trying {Path.GetFileName(path)}{assertion}: the file is damaged, or not a model this DocShelf can run.");
    }

    /// <summary>How the probe's process ended, in words: the shell reports a signal as 128 and its number.</summary>
    private static string Ending(int exitCode) => exitCode switch
    {
        134 => "aborted",
        139 => "crashed (segmentation fault)",
        137 => "was killed (out of memory?)",
        _ => $"stopped with exit code {exitCode}",
    };
}
