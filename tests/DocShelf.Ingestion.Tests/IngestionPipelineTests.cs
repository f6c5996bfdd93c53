using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Fixtures.Writers;
using DocShelf.Ingestion.Running;
using DocShelf.Rendering;

namespace DocShelf.Ingestion.Tests;

public sealed class IngestionPipelineTests : IDisposable
{
    private readonly IngestionHarness shelf = new();

    [Fact]
    public async Task A_phrase_only_on_the_scanned_third_page_of_a_mixed_pdf_is_found_on_page_three()
    {
        var pdf = shelf.InboxFile("mill.pdf");
        SampleShelf.MixedPdf(pdf, "mill-accounts.txt", scannedPage: 3);

        var summary = await shelf.IngestAsync(pdf);

        var outcome = Assert.Single(summary.Files);
        Assert.Equal(FileStatus.Indexed, outcome.Status);
        Assert.Equal(4, outcome.Pages);
        Assert.Equal(1, outcome.OcrPages);
        var pages = shelf.Shelf.Store.PagesOf(outcome.DocumentId);
        Assert.Equal([PageSource.TextLayer, PageSource.TextLayer, PageSource.Ocr, PageSource.TextLayer], pages.Select(p => p.Source));
        var hit = shelf.Shelf.Searcher.Search("\"copper sluice gate\"", 5)[0];
        Assert.Equal(outcome.DocumentId, hit.DocumentId);
        Assert.Equal(3, hit.Page);
    }

    [Fact]
    public async Task Text_layer_words_keep_their_boxes_in_page_points()
    {
        var pdf = shelf.InboxFile("harbour.pdf");
        PdfWriter.Write(pdf, SampleTexts.Pages("harbour-commission-report.txt").Select(PdfPage.WithText), "Harbour");

        var outcome = Assert.Single((await shelf.IngestAsync(pdf)).Files);

        var page = shelf.Shelf.Store.FindPage(outcome.DocumentId, 2)!;
        Assert.Equal(PageSource.TextLayer, page.Source);
        Assert.Equal(612, page.Width);
        Assert.StartsWith("Dues and Traffic", page.Text, StringComparison.Ordinal);
        var first = page.Words[0];
        Assert.Equal("Dues", first.Text);
        Assert.InRange(first.Box.X, 70, 75); // the one-inch margin
        var chunk = shelf.Shelf.Store.ChunksOf(outcome.DocumentId).First(c => c.PageNumber == 2);
        // The stored words anchor the chunk to its place on the page: each stands at its start in the page text.
        var inChunk = page.Words.Where(w => w.Start >= chunk.Start && w.Start < chunk.End).ToList();
        Assert.NotEmpty(inChunk);
        Assert.All(inChunk, word => Assert.Equal(word.Text, page.Text.Substring(word.Start, word.Text.Length)));
    }

    [Fact]
    public async Task Every_frame_of_a_multi_page_tiff_becomes_a_page()
    {
        var tiff = shelf.InboxFile("register.tif");
        TiffWriter.Write(tiff, SampleTexts.Pages("parish-register-notes.txt").Select((t, i) => PageRasteriser.Render(t, ScanStyle.Office(i))).ToList());

        var outcome = Assert.Single((await shelf.IngestAsync(tiff)).Files);

        Assert.Equal(3, outcome.Pages);
        Assert.Equal(3, outcome.OcrPages);
        Assert.Equal(3, shelf.Shelf.Searcher.Search("cholera workhouse", 1)[0].Page);
    }

    [Fact]
    public async Task A_corrupt_and_an_empty_file_are_quarantined_while_the_rest_is_indexed()
    {
        var good = shelf.InboxFile("rules.txt");
        File.Copy(Path.Combine(SampleTexts.Folder, "reading-room-rules.txt"), good);
        var scan = shelf.InboxFile("ferry.png");
        ImageWriter.WritePng(scan, PageRasteriser.Render(SampleTexts.Pages("ferry-notice.txt")[0], ScanStyle.Office(1)));
        await File.WriteAllBytesAsync(shelf.InboxFile("empty.pdf"), []);
        await File.WriteAllTextAsync(shelf.InboxFile("corrupt.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without xref or trailer");

        var summary = await shelf.IngestAsync(shelf.Inbox);

        Assert.Equal(2, summary.Indexed);
        Assert.Equal(2, summary.Quarantined);
        var quarantined = shelf.Shelf.Store.DocumentsWithStatus(DocumentStatus.Quarantined).ToDictionary(d => Path.GetFileName(d.PrimaryPath));
        Assert.Contains("empty", quarantined["empty.pdf"].Reason, StringComparison.Ordinal);
        // The reason is said in plain words; poppler's own words, as pdfinfo prints them, are kept as the detail.
        Assert.StartsWith("the PDF is damaged or incomplete: the index of its contents is missing or broken", quarantined["corrupt.pdf"].Reason, StringComparison.Ordinal);
        var poppler = await Assert.ThrowsAsync<InvalidOperationException>(() => Tool.RunAsync("pdfinfo", shelf.InboxFile("corrupt.pdf")));
        Assert.Contains("Couldn't read xref table", quarantined["corrupt.pdf"].ReasonDetail, StringComparison.Ordinal);
        Assert.All(quarantined["corrupt.pdf"].ReasonDetail!.Split('\n'), line => Assert.Contains(line, poppler.Message, StringComparison.Ordinal));
        Assert.Equal(["identify"], quarantined["empty.pdf"].Steps.Select(s => s.Step)); // the step that refused it comes last
        Assert.Equal(["identify", "extract"], quarantined["corrupt.pdf"].Steps.Select(s => s.Step));
        Assert.Single(shelf.Shelf.Searcher.Search("pencils", 5));
        Assert.Single(shelf.Shelf.Searcher.Search("ferryman", 5));
    }

    [Fact]
    public async Task Encrypted_and_unsupported_files_are_quarantined_with_their_reason()
    {
        var plain = shelf.InboxFile("plain.pdf");
        PdfWriter.Write(plain, [PdfPage.WithText("A short letter about the ferry.")], "Letter");
        var encrypted = shelf.InboxFile("locked.pdf");
        await Tool.RunAsync("qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--", plain, encrypted);
        File.Delete(plain);
        await File.WriteAllBytesAsync(shelf.InboxFile("archive.zip"), [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xFF, 0xFE]);

        var summary = await shelf.IngestAsync(shelf.Inbox);

        var reasons = summary.Files.ToDictionary(f => Path.GetFileName(f.Path), f => f.Reason);
        Assert.Equal("the PDF is locked with a password, and none of the passwords in the settings opens it", reasons["locked.pdf"]);
        Assert.StartsWith("unsupported file type", reasons["archive.zip"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingesting_the_same_folder_twice_adds_nothing()
    {
        File.Copy(Path.Combine(SampleTexts.Folder, "cataloguing-guide.md"), shelf.InboxFile("guide.md"));
        PdfWriter.Write(shelf.InboxFile("letters.pdf"), SampleTexts.Pages("river-survey-letters.txt").Select(PdfPage.WithText), "Letters");
        await File.WriteAllBytesAsync(shelf.InboxFile("empty.txt"), []);
        await shelf.IngestAsync(shelf.Inbox);
        var before = shelf.Shelf.Store.Count();
        var hitsBefore = shelf.Shelf.Searcher.Search("river survey deposit", 50).Select(h => h.ChunkId).ToList();

        var second = await shelf.IngestAsync(shelf.Inbox);

        Assert.Equal(0, second.Indexed);
        Assert.Equal(2, second.AlreadyOnShelf);
        Assert.Equal(1, second.Quarantined);
        Assert.Equal(before, shelf.Shelf.Store.Count());
        Assert.Equal(hitsBefore, shelf.Shelf.Searcher.Search("river survey deposit", 50).Select(h => h.ChunkId));
    }

    [Fact]
    public async Task The_same_bytes_under_two_paths_are_one_document_with_two_paths()
    {
        var first = shelf.InboxFile("rules.txt");
        File.Copy(Path.Combine(SampleTexts.Folder, "reading-room-rules.txt"), first);
        var copy = Path.Combine(Directory.CreateDirectory(shelf.InboxFile("copies")).FullName, "rules-copy.txt");
        File.Copy(first, copy);

        await shelf.IngestAsync(first);
        var summary = await shelf.IngestAsync(copy);

        Assert.Equal(FileStatus.AlreadyOnShelf, Assert.Single(summary.Files).Status);
        var document = Assert.Single(shelf.Shelf.Store.AllDocuments());
        Assert.Equal([first, copy], document.Paths);
        Assert.Single(shelf.Shelf.Searcher.Search("pencils", 10));
    }

    [Fact]
    public async Task Changed_bytes_at_a_known_path_replace_the_old_version()
    {
        var note = shelf.InboxFile("note.txt");
        await File.WriteAllTextAsync(note, "The lamp at the breakwater was carried away.");
        await shelf.IngestAsync(note);
        await File.WriteAllTextAsync(note, "The pilot cutter was sold at auction.");

        await shelf.IngestAsync(note);

        var document = Assert.Single(shelf.Shelf.Store.AllDocuments());
        Assert.Equal([note], document.Paths);
        Assert.Empty(shelf.Shelf.Searcher.Search("breakwater", 10));
        Assert.Equal(document.Id, Assert.Single(shelf.Shelf.Searcher.Search("cutter auction", 10)).DocumentId);
    }

    [Fact]
    public async Task A_file_is_typed_by_its_bytes_not_its_name()
    {
        var disguised = shelf.InboxFile("notes.pdf");
        await File.WriteAllTextAsync(disguised, "Minutes of the orchard society: grafting wood for members.");

        var outcome = Assert.Single((await shelf.IngestAsync(disguised)).Files);

        Assert.Equal(FileStatus.Indexed, outcome.Status);
        Assert.Equal(FileKind.PlainText, shelf.Shelf.Store.FindDocument(outcome.DocumentId)!.Kind);
    }

    public void Dispose() => shelf.Dispose();
}
