using DocShelf.Answering.Answers;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Writers;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Watching;
using DocShelf.Ocr.Tesseract;
using DocShelf.Rendering;
using DocShelf.Search;

namespace DocShelf.Web.Tests;

/// <summary>
/// A shelf read once through the real pipeline for every API test: a two-page born-digital PDF and a PNG scan in
/// the inbox, a scan fed in sideways and a scanned PDF upside down, a Markdown file, a corrupt PDF (quarantined),
/// and a text file read from outside the inbox.
/// </summary>
public sealed class WebShelf : IAsyncLifetime
{
    private readonly TempFolder folder = new();

    public string Inbox => folder.Folder("inbox");

    public string Outside => folder.Folder("elsewhere");

    public Shelf Shelf { get; private set; } = null!;

    public ServiceBoard Board { get; } = new();

    public string Id(string name) => Shelf.Store.AllDocuments().Single(d => Path.GetFileName(d.PrimaryPath) == name).Id;

    public async Task InitializeAsync()
    {
        PdfWriter.Write(Path.Combine(Inbox, "harbour report.pdf"), SampleTexts.Pages("harbour-commission-report.txt").Take(2).Select(PdfPage.WithText), "Harbour");
        using (var scan = PageRasteriser.Render(SampleTexts.Pages("lighthouse-keeper-log.txt")[0], ScanStyle.Office(5)))
        {
            ImageWriter.WritePng(Path.Combine(Inbox, "lighthouse.png"), scan);
        }

        using (var sideways = PageRasteriser.Render(SampleTexts.Pages("mill-accounts.txt")[0], ScanStyle.Office(6) with { TurnDegrees = 90 }))
        {
            ImageWriter.WritePng(Path.Combine(Inbox, "sideways letter.png"), sideways);
        }

        using (var upsideDown = PageRasteriser.Render(SampleTexts.Pages("parish-register-notes.txt")[0], ScanStyle.Office(7) with { TurnDegrees = 180 }))
        {
            PdfWriter.Write(Path.Combine(Inbox, "upside-down scan.pdf"), [PdfPage.Scanned(upsideDown)], "Upside down");
        }

        File.Copy(Path.Combine(SampleTexts.Folder, "cataloguing-guide.md"), Path.Combine(Inbox, "guide.md"));
        await File.WriteAllTextAsync(Path.Combine(Inbox, "broken.pdf"), "%PDF-1.4\nthis is not really a PDF");
        await File.WriteAllTextAsync(Path.Combine(Outside, "private.txt"), "A private note about the ferry timetable.");

        Shelf = Shelf.OpenForWriting(folder.Folder("data"));
        using var chain = IngestionChain.Create(Shelf, new IngestionOptions());
        string[] files = [.. Directory.GetFiles(Inbox), Path.Combine(Outside, "private.txt")];
        await chain.Runner.RunAsync(files, new SilentObserver(), CancellationToken.None);
    }

    /// <summary>A test server over this shelf with the given options (the inbox is filled in when none is named).</summary>
    public ShelfApiFactory Serve(WebOptions? options = null, IAnswerer? answerer = null)
    {
        options ??= new WebOptions();
        return new ShelfApiFactory(Shelf, Board, options.Inboxes.Count > 0 ? options : options with { Inboxes = [Inbox] }, answerer);
    }

    public Task DisposeAsync()
    {
        Shelf.Dispose();
        folder.Dispose();
        return Task.CompletedTask;
    }
}
