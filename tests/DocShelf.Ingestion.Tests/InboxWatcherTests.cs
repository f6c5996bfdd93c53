using DocShelf.Core.Queue;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Fixtures.Writers;
using DocShelf.Rendering;

namespace DocShelf.Ingestion.Tests;

public sealed class InboxWatcherTests : IAsyncLifetime
{
    private readonly WatchedShelf shelf = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await shelf.DisposeAsync();

    [Fact]
    public async Task Files_present_at_start_and_files_dropped_later_are_both_indexed()
    {
        var early = shelf.InboxFile("early.txt");
        await File.WriteAllTextAsync(early, "The ferry crosses every half hour.");
        await shelf.StartAsync();
        var late = Path.Combine(Directory.CreateDirectory(shelf.InboxFile("sub/folder")).FullName, "late.txt");
        await File.WriteAllTextAsync(late, "The lamp at the breakwater was carried away.");

        await shelf.WaitUntilIndexedAsync(early);
        await shelf.WaitUntilIndexedAsync(late);

        Assert.Single(shelf.Shelf.Searcher.Search("breakwater", 5));
    }

    [Fact]
    public async Task A_file_still_being_written_is_taken_only_once_it_is_complete()
    {
        // A settle period far longer than the pauses between writes, even when parallel tests slow this one down.
        await using var slowCopy = new WatchedShelf(settle: TimeSpan.FromSeconds(2));
        await slowCopy.StartAsync();
        var path = slowCopy.InboxFile("minutes.txt");
        await using (var writer = new StreamWriter(path))
        {
            // Keep writing for longer than the settle period, as a slow copy does.
            for (var line = 0; line < 30; line++)
            {
                await writer.WriteLineAsync($"Minute {line} of the council meeting.");
                await writer.FlushAsync();
                await Task.Delay(100);
            }

            await writer.WriteLineAsync("The meeting closed at half past nine.");
        }

        await slowCopy.WaitUntilIndexedAsync(path);

        var document = Assert.Single(slowCopy.Shelf.Store.AllDocuments());
        Assert.Contains("half past nine", slowCopy.Shelf.Store.PagesOf(document.Id)[0].Text, StringComparison.Ordinal);
        Assert.Equal(1, slowCopy.TimesIndexed(path));
    }

    [Fact]
    public async Task An_edited_file_is_indexed_again_and_its_old_text_leaves_the_index()
    {
        var path = shelf.InboxFile("note.txt");
        await File.WriteAllTextAsync(path, "The lamp at the breakwater was carried away.");
        await shelf.StartAsync();
        await shelf.WaitUntilIndexedAsync(path);

        await File.WriteAllTextAsync(path, "The pilot cutter was sold at auction.");

        // The log line follows the publish that makes the new text searchable, so each is waited for on its own.
        await Eventually.HoldsAsync(() => shelf.TimesIndexed(path) == 2, "the edited file is indexed again");
        await Eventually.HoldsAsync(() => shelf.Shelf.Searcher.Search("auction", 5).Count == 1, "the new text is searchable");
        Assert.Empty(shelf.Shelf.Searcher.Search("breakwater", 5));
        Assert.Single(shelf.Shelf.Store.AllDocuments());
        Assert.Equal(2, shelf.TimesIndexed(path));
    }

    [Fact]
    public async Task A_deleted_file_leaves_the_shelf_after_the_grace_period()
    {
        var path = shelf.InboxFile("note.txt");
        await File.WriteAllTextAsync(path, "The lamp at the breakwater was carried away.");
        await shelf.StartAsync();
        await shelf.WaitUntilIndexedAsync(path);

        File.Delete(path);

        await Eventually.HoldsAsync(() => shelf.Shelf.Store.AllDocuments().Count == 0, "the document is gone");
        Assert.Null(shelf.Shelf.Queue.Find(path));
        Assert.Empty(shelf.Shelf.Searcher.Search("breakwater", 5));
    }

    [Fact]
    public async Task A_moved_scan_keeps_its_document_and_is_not_read_by_ocr_again()
    {
        var path = shelf.InboxFile("ferry.png");
        using (var image = PageRasteriser.Render(SampleTexts.Pages("ferry-notice.txt")[0], ScanStyle.Office(2)))
        {
            ImageWriter.WritePng(path, image);
        }

        await shelf.StartAsync();
        await shelf.WaitUntilIndexedAsync(path);
        var documentId = shelf.Shelf.Store.FindByPath(path)!.Id;
        var ocrPages = shelf.Ocr.Pages;

        var moved = Path.Combine(Directory.CreateDirectory(shelf.InboxFile("1908")).FullName, "ferry notice.png");
        File.Move(path, moved);

        await Eventually.HoldsAsync(
            () => shelf.Shelf.Store.FindDocument(documentId)?.Paths.SequenceEqual([moved]) == true,
            "the document's only path is the new one");
        Assert.Equal(ocrPages, shelf.Ocr.Pages);
        Assert.Equal(documentId, Assert.Single(shelf.Shelf.Searcher.Search("ferryman", 5)).DocumentId);
    }

    [Fact]
    public async Task Hidden_files_and_partial_downloads_are_left_alone()
    {
        await File.WriteAllTextAsync(shelf.InboxFile(".notes.txt"), "hidden notes");
        await File.WriteAllTextAsync(shelf.InboxFile("report.pdf.part"), "half a download");
        var visible = shelf.InboxFile("visible.txt");
        await File.WriteAllTextAsync(visible, "visible notes");
        await shelf.StartAsync();

        await shelf.WaitUntilIndexedAsync(visible);

        Assert.Equal([visible], shelf.Shelf.Queue.All().Select(e => e.Path));
    }

    [Fact]
    public async Task A_retry_request_requeues_a_quarantined_file_for_the_running_service()
    {
        var path = shelf.InboxFile("scan.pdf");
        await File.WriteAllTextAsync(path, "%PDF-1.4\nnot really a PDF");
        await shelf.StartAsync();
        await Eventually.HoldsAsync(() => shelf.Shelf.Queue.Find(path)?.State == FileState.Quarantined, "the broken PDF is quarantined");
        var firstUpdate = shelf.Shelf.Queue.Find(path)!.UpdatedUtc;

        shelf.Board.RequestRetry(documentId: null); // what POST /api/retry does

        await Eventually.HoldsAsync(
            () => shelf.Shelf.Queue.Find(path) is { State: FileState.Quarantined } entry && entry.UpdatedUtc > firstUpdate,
            "the file was read again");
        Assert.Equal(1, shelf.Shelf.Queue.Find(path)!.Attempts);
    }
}
