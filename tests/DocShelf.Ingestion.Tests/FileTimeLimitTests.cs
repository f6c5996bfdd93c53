using DocShelf.Core.Documents;
using DocShelf.Core.Ocr;
using DocShelf.Fixtures;
using DocShelf.Ingestion.Running;
using DocShelf.Rendering;

namespace DocShelf.Ingestion.Tests;

/// <summary>The per-file time limit reaches every stage: a file is stopped while hashing or in Tesseract, not after.</summary>
public sealed class FileTimeLimitTests
{
    [Fact]
    public async Task A_file_still_being_hashed_at_the_limit_is_quarantined_for_it()
    {
        using var shelf = new IngestionHarness(new IngestionOptions { MaxFileDuration = TimeSpan.FromMilliseconds(20) });
        var huge = shelf.InboxFile("huge.txt");
        await using (var file = File.Create(huge))
        {
            file.SetLength(1_500_000_000); // sparse: no disk used, but every byte is hashed
        }

        var outcome = Assert.Single((await shelf.IngestAsync(huge)).Files);

        Assert.Equal(FileStatus.Quarantined, outcome.Status);
        Assert.Contains("took longer than the limit", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scan_still_in_ocr_at_the_limit_is_quarantined_for_it()
    {
        // An engine slower than any limit: it gives up only when told to. That Tesseract itself stops when told is
        // TesseractEngineTests' concern; this is that the file's limit reaches the engine.
        using var shelf = new IngestionHarness(new IngestionOptions { MaxFileDuration = TimeSpan.FromMilliseconds(300) }, new EndlessOcrEngine());
        var scan = shelf.InboxFile("scan.png");
        using (var bitmap = PageRasteriser.Render(SampleTexts.Pages("harbour-commission-report.txt")[0], ScanStyle.Office(3)))
        {
            ImageWriter.WritePng(scan, bitmap);
        }

        var outcome = Assert.Single((await shelf.IngestAsync(scan)).Files);

        Assert.Equal(FileStatus.Quarantined, outcome.Status);
        Assert.Contains("took longer than the limit", outcome.Reason, StringComparison.Ordinal);
    }

    /// <summary>Reads a page for as long as it is let, up to a minute, then gives an empty page.</summary>
    private sealed class EndlessOcrEngine : IOcrEngine
    {
        public PageContent Recognise(string imagePath, int frame, int pageNumber, CancellationToken cancellationToken = default)
        {
            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMinutes(1));
            cancellationToken.ThrowIfCancellationRequested();
            return new PageContent { Number = pageNumber, Source = PageSource.Ocr, Text = "" };
        }
    }
}
