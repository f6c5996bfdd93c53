using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Search.Tests;

public sealed class ShelfWriterTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public void Claiming_a_second_path_for_known_content_records_both_paths()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "d1", "/a/report.txt", "harbour dues");

        var existing = shelf.Writer!.ClaimPath("/b/copy.txt", "d1");

        Assert.NotNull(existing);
        Assert.Equal(["/a/report.txt", "/b/copy.txt"], shelf.Store.FindDocument("d1")!.Paths);
        Assert.Equal("d1", shelf.Store.FindByPath("/b/copy.txt")!.Id);
        Assert.Equal(1, shelf.Store.Count().IndexedDocuments);
    }

    [Fact]
    public void Claiming_a_path_for_new_content_removes_the_old_content_it_held()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "old", "/a/report.txt", "harbour dues");

        Assert.Null(shelf.Writer!.ClaimPath("/a/report.txt", "new"));
        shelf.Writer.Commit();

        Assert.Null(shelf.Store.FindDocument("old"));
        Assert.Empty(shelf.Store.ChunksOf("old"));
        Assert.Empty(shelf.Searcher.Search("harbour", 10));
    }

    [Fact]
    public void Old_content_still_found_at_another_path_stays_on_the_shelf()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "old", "/a/report.txt", "harbour dues");
        shelf.Writer!.ClaimPath("/b/copy.txt", "old");

        shelf.Writer.ClaimPath("/a/report.txt", "new");
        shelf.Writer.Commit();

        Assert.Equal(["/b/copy.txt"], shelf.Store.FindDocument("old")!.Paths);
        Assert.Single(shelf.Searcher.Search("harbour", 10));
    }

    [Fact]
    public void A_quarantined_file_keeps_its_reason_and_has_nothing_in_the_index()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        shelf.Writer!.Quarantine(ShelfBuilder.Document("bad", "/a/bad.pdf") with { Status = DocumentStatus.Quarantined, Reason = "the file is empty (0 bytes)" });

        var stored = Assert.Single(shelf.Store.DocumentsWithStatus(DocumentStatus.Quarantined));
        Assert.Equal("the file is empty (0 bytes)", stored.Reason);
        Assert.Equal(0, shelf.Store.Count().IndexedDocuments);
    }

    [Fact]
    public void Reopening_restores_chunks_the_index_lost_and_drops_entries_the_store_does_not_hold()
    {
        // A run that stored a document but was killed before the index commit leaves the index behind the store.
        using (var store = new ShelfStore(data.Path))
        {
            var record = ShelfBuilder.Document("kept", "/a/kept.txt") with { ChunkCount = 1, PageCount = 1 };
            store.SaveIndexed(
                record,
                [new PageContent { Number = 1, Source = PageSource.PlainText, Text = "lighthouse lamp" }],
                [new Chunk { Id = "kept/1/0", DocumentId = "kept", PageNumber = 1, Start = 0, End = 15, Text = "lighthouse lamp" }]);
        }

        // And an index entry whose document never reached the store.
        using (var index = new LexicalIndex(data.Path, writable: true))
        {
            index.Add([new Chunk { Id = "ghost/1/0", DocumentId = "ghost", PageNumber = 1, Start = 0, End = 12, Text = "ghost lamp" }]);
            index.Commit();
        }

        using var shelf = Shelf.OpenForWriting(data.Path);

        Assert.Equal((1, 1), shelf.Reconciled);
        Assert.Equal(["kept"], shelf.Searcher.Search("lamp", 10).Select(h => h.DocumentId));
    }

    public void Dispose() => data.Dispose();
}
