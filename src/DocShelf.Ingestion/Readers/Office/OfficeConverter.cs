using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion.Readers.Office;

/// <summary>
/// Lays office documents out with LibreOffice, kept running for the worker's life: starting it costs seconds, a
/// conversion a fraction of one. A small Python program (office-converter.py, through LibreOffice's own UNO bridge)
/// holds it and takes one file at a time; the file is opened hidden and read-only with macros never run. The
/// converter runs under the tool memory limit; a conversion that outlasts the tool time limit, or crashes
/// LibreOffice, costs that file alone: the converter is stopped with everything it started, and the next file starts
/// a new one.
/// </summary>
/// <param name="profileDirectory">LibreOffice's private profile, kept between runs so a start after the first is quick.</param>
/// <param name="passwords">Passwords tried, in order, on a protected document.</param>
public sealed class OfficeConverter(string profileDirectory, ToolLimits limits, IReadOnlyList<string> passwords) : IDisposable
{
    /// <summary>Absolute, since LibreOffice takes it as a file URL, and a shelf may be named relative to the working folder.</summary>
    private readonly string profileDirectory = Path.GetFullPath(profileDirectory);

    /// <summary>Debian's python3, which has the UNO bridge (python3-uno); another python on the PATH would not.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Where in the scratch folder LibreOffice keeps its profile: backups leave it out, and sweeps keep it.</summary>
    public const string ProfileFolder = "office-profile";

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(OfficeConverter).Assembly.GetManifestResourceStream("DocShelf.Ingestion.office-converter.py")
            ?? throw new InvalidOperationException("the office converter script is missing from the assembly");
        return new StreamReader(stream).ReadToEnd();
    });

    /// <summary>How long LibreOffice may take to start; a first start, which writes its profile, takes a few seconds.</summary>
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim oneAtATime = new(1);
    private Process? converter;

    /// <summary>The file laid out as <paramref name="target"/>, in its work folder.</summary>
    public async Task<string> ConvertAsync(FileToRead file, OfficeTarget target, CancellationToken cancellationToken)
    {
        // LibreOffice picks its import filter partly by extension, so it is given a copy named for what the bytes are.
        var source = Path.Combine(file.WorkDirectory, "source." + file.Kind.ToName());
        File.Copy(file.Path, source, overwrite: true);
        var output = Path.Combine(file.WorkDirectory, "laid-out." + (target == OfficeTarget.Pdf ? "pdf" : "xlsx"));
        var request = new JsonObject
        {
            ["input"] = source,
            ["output"] = output,
            ["filter"] = Filter(target),
            ["passwords"] = new JsonArray([.. passwords.Select(p => JsonValue.Create(p))]),
        };

        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            // LibreOffice may have died since the last file (the machine ran short of memory, say): a file that stops it
            // is given a second, fresh one before it is blamed.
            var reply = await AskAsync(request.ToJsonString(), cancellationToken) ?? await AskAsync(request.ToJsonString(), cancellationToken)
                ?? throw new UnreadableFileException("LibreOffice stopped while converting the file, twice; it may crash on it");
            if (reply["error"]?.GetValue<string>() is { } error)
            {
                throw new UnreadableFileException(error);
            }
        }
        finally
        {
            oneAtATime.Release();
        }

        return File.Exists(output) ? output : throw new UnreadableFileException("LibreOffice wrote nothing for the file");
    }

    /// <summary>The converter's reply; null when LibreOffice stopped without one (the converter is stopped then too).</summary>
    private async Task<JsonNode?> AskAsync(string request, CancellationToken cancellationToken)
    {
        // Starting LibreOffice (a first start builds its profile) is not the file's time; converting it is.
        var process = await StartedAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        try
        {
            await process.StandardInput.WriteLineAsync(request.AsMemory(), timeout.Token);
            await process.StandardInput.FlushAsync(timeout.Token);
            if (await ReplyAsync(process, timeout.Token) is { } reply)
            {
                return reply;
            }

            Stop();
            return null;
        }
        catch (IOException)
        {
            Stop(); // the pipe broke: LibreOffice and the converter are gone
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Stopped(new ToolTimeoutException($"LibreOffice took longer than {limits.Timeout.TotalSeconds:0.#} s on the file and was stopped"));
        }
        catch (OperationCanceledException)
        {
            Stop(); // a conversion left half done would answer the next file's request
            throw;
        }
    }

    private async Task<Process> StartedAsync(CancellationToken cancellationToken)
    {
        if (converter is { HasExited: false } running)
        {
            return running;
        }

        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(StartupTimeout);
        Stop();
        Directory.CreateDirectory(profileDirectory);
        var start = new ProcessStartInfo("prlimit")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
            // LibreOffice does not start in a working folder it cannot read, such as the folder of whoever started
            // DocShelf as the service user; its own profile is one it always can.
            WorkingDirectory = profileDirectory,
        };
        foreach (var argument in (string[])[$"--as={limits.MemoryBytes}", "--", Python, "-c", Script.Value, profileDirectory, "docshelf-" + Guid.NewGuid().ToString("N")])
        {
            start.ArgumentList.Add(argument);
        }

        converter = Process.Start(start) ?? throw new InvalidOperationException("could not start the office converter");
        try
        {
            if (await ReplyAsync(converter, startup.Token) is { } ready && ready["ready"] is not null)
            {
                return converter;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // fall through: it did not start in time
        }
        catch (OperationCanceledException)
        {
            Stop();
            throw;
        }

        throw Stopped(new UnreadableFileException("LibreOffice could not be started to read the file; run `docshelf doctor`"));
    }

    private static async Task<JsonNode?> ReplyAsync(Process process, CancellationToken cancellationToken)
    {
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken);
        try
        {
            return line is null ? null : JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Exception Stopped(Exception reason)
    {
        Stop();
        return reason;
    }

    private void Stop()
    {
        if (converter is null)
        {
            return;
        }

        try
        {
            converter.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // it had already exited
        }

        converter.Dispose();
        converter = null;
    }

    /// <summary>LibreOffice's export filter for the target; "pdf" lets the converter pick the PDF export of the application that opened the file.</summary>
    private static string Filter(OfficeTarget target) => target == OfficeTarget.Xlsx ? "Calc MS Excel 2007 XML" : "pdf";

    public void Dispose()
    {
        Stop();
        oneAtATime.Dispose();
    }
}
