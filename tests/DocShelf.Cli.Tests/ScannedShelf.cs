using DocShelf.Fixtures;
using DocShelf.Fixtures.Layouts;
using DocShelf.Fixtures.Testing;
using DocShelf.Rendering;

namespace DocShelf.Cli.Tests;

/// <summary>A shelf of two scans ingested once through the CLI: a full page fed in upside down, and a faint, speckled one.</summary>
public sealed class ScannedShelf : IAsyncLifetime
{
    private readonly TempFolder folder = new();

    public string Data => Path.Combine(folder.Path, "data");

    public async Task InitializeAsync()
    {
        var inbox = folder.Folder("inbox");
        ArchivePages.WritePng(ArchivePageKind.Turned180, 1, Path.Combine(inbox, "upside-down.png"));
        using (var poor = ArchivePages.PoorScan(3))
        {
            ImageWriter.WritePng(Path.Combine(inbox, "faint.png"), poor.Image);
        }

        var ingest = await CliRunner.RunAsync(Data, "ingest", inbox);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
    }

    public Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }
}
