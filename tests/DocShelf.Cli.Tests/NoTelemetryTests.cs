using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Models.Runtime;

namespace DocShelf.Cli.Tests;

/// <summary>
/// ONNX Runtime's Linux build keeps a device id and a cache of usage events to send to Microsoft under the user's
/// ~/.cache unless told not to. DocShelf tells it itself, so nothing is written there, even when whoever starts
/// DocShelf has not set the variable.
/// </summary>
public sealed class NoTelemetryTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task Embedding_with_the_built_in_model_leaves_no_telemetry_id_or_event_cache()
    {
        var home = folder.Folder("home");
        var inbox = folder.Folder("inbox");
        await File.WriteAllTextAsync(Path.Combine(inbox, "ferry.txt"), "The Quillbrook ferry leaves the north slip at seven.");

        var ingest = await RunWithoutTheSwitchAsync(home, "ingest", inbox);
        var semantic = await RunWithoutTheSwitchAsync(home, "search", "When does the Quillbrook ferry leave the slip?", "--mode", "semantic");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Contains("Embedded 1 chunks with snowflake-arctic-embed-xs", ingest.Output + ingest.Error, StringComparison.Ordinal);
        Assert.Contains("ferry.txt", semantic.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(home, "*", SearchOption.AllDirectories));
    }

    public void Dispose() => folder.Dispose();

    /// <summary>docshelf with a home of its own and without ORT_DISABLE_TELEMETRY, which build.sh sets for the tests.</summary>
    private Task<CliResult> RunWithoutTheSwitchAsync(string home, params string[] arguments) =>
        CliRunner.RunAsync(
            folder.File("data"),
            // The SDK's first-run files would land in the home too; they are not the runtime's.
            new Dictionary<string, string> { ["HOME"] = home, ["DOTNET_CLI_HOME"] = folder.Folder("dotnet-home") },
            [OfflineOnnxRuntime.TelemetryVariable, "XDG_CACHE_HOME"],
            arguments);
}
