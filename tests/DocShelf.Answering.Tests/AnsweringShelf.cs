using DocShelf.Fixtures;
using DocShelf.Fixtures.Writers;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Ocr.Tesseract;
using DocShelf.Rendering;
using DocShelf.Search;

namespace DocShelf.Answering.Tests;

/// <summary>
/// A shelf read through the real pipeline for the answer tests: the three-page harbour report as a born-digital
/// PDF, the keeper's log as a scanned PNG, and the council minutes and mill accounts as text.
/// </summary>
public sealed class AnsweringShelf : IAsyncLifetime
{
    private readonly TempFolder folder = new();

    public Shelf Shelf { get; private set; } = null!;

    public string Id(string name) => Shelf.Store.AllDocuments().Single(d => Path.GetFileName(d.PrimaryPath) == name).Id;

    public async Task InitializeAsync()
    {
        var inbox = folder.Folder("inbox");
        PdfWriter.Write(Path.Combine(inbox, "harbour-report.pdf"), SampleTexts.Pages("harbour-commission-report.txt").Select(PdfPage.WithText), "Harbour");
        using (var scan = PageRasteriser.Render(SampleTexts.Pages("lighthouse-keeper-log.txt")[0], ScanStyle.Office(3)))
        {
            ImageWriter.WritePng(Path.Combine(inbox, "keeper-log.png"), scan);
        }

        foreach (var name in new[] { "council-minutes-1911.txt", "mill-accounts.txt" })
        {
            File.Copy(Path.Combine(SampleTexts.Folder, name), Path.Combine(inbox, name));
        }

        Shelf = Shelf.OpenForWriting(folder.Folder("data"));
        using var chain = IngestionChain.Create(Shelf, new IngestionOptions());
        var summary = await chain.Runner.RunAsync(Directory.GetFiles(inbox), SilentObserver.Instance, CancellationToken.None);
        // Every answer test rests on all four documents; a missing tool (poppler, tesseract) should say so here, not as "not found".
        var refused = summary.Files.Where(f => f.Status == FileStatus.Quarantined).Select(f => $"{f.Path}: {f.Reason}").ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException($"The answering shelf could not be built ({string.Join("; ", refused)}). Run ./build.sh deps.");
        }
    }

    public Task DisposeAsync()
    {
        Shelf.Dispose();
        folder.Dispose();
        return Task.CompletedTask;
    }
}
