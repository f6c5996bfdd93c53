using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Fixtures.Writers;
using DocShelf.Rendering;

namespace DocShelf.Cli.Tests;

/// <summary>
/// A small shelf ingested once through the CLI for all tests in the collection: two born-digital PDFs,
/// a PNG scan, a Markdown file, and a corrupt PDF that must be quarantined.
/// </summary>
public sealed class IngestedShelf : IAsyncLifetime, IDisposable
{
    private readonly TempFolder folder = new();

    public string Data => Path.Combine(folder.Path, "data");

    public string Inbox => folder.Folder("inbox");

    public CliResult Ingest { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync()
    {
        PdfWriter.Write(Path.Combine(Inbox, "harbour report.pdf"), SampleTexts.Pages("harbour-commission-report.txt").Select(PdfPage.WithText), "Harbour");
        PdfWriter.Write(Path.Combine(Inbox, "letters.pdf"), SampleTexts.Pages("river-survey-letters.txt").Select(PdfPage.WithText), "Letters");
        using (var scan = PageRasteriser.Render(SampleTexts.Pages("lighthouse-keeper-log.txt")[0], ScanStyle.Office(5)))
        {
            ImageWriter.WritePng(Path.Combine(Inbox, "lighthouse.png"), scan);
        }

        File.Copy(Path.Combine(SampleTexts.Folder, "cataloguing-guide.md"), Path.Combine(Inbox, "guide.md"));
        await File.WriteAllTextAsync(Path.Combine(Inbox, "broken.pdf"), "%PDF-1.4\nthis is not really a PDF");
        Ingest = await CliRunner.RunAsync(Data, "ingest", Inbox);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => folder.Dispose();
}
