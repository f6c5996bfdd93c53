using DocShelf.Core.Documents;
using DocShelf.Core.Queue;
using DocShelf.Fixtures;
using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Search.Tests;

public sealed class ShelfWriterTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public void Documents_with_ocr_pages_are_the_indexed_ones_holding_an_ocr_page_and_no_others()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "typed", "/a/typed.txt", "harbour dues");
        ShelfBuilder.Publish(shelf.Writer!, ShelfBuilder.Document("scanned", "/a/scanned.pdf"), (PageSource.TextLayer, "minutes"), (PageSource.Ocr, "ledger"));
        shelf.Writer!.Quarantine(ShelfBuilder.Document("broken", "/a/broken.pdf") with { Status = DocumentStatus.Quarantined, OcrPageCount = 2, Reason = "cut short" }, "/a/broken.pdf");
        shelf.Writer!.Commit();

        Assert.Equal(["scanned"], shelf.Store.DocumentsWithOcr().Select(d => d.Id));
        Assert.Equal(1, Assert.Single(shelf.Store.DocumentsWithOcr()).OcrPageCount);
    }

    [Fact]
    public void Attaching_a_second_path_to_known_content_records_both_paths()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "d1", "/a/report.txt", "harbour dues");

        var existing = shelf.Writer!.AttachPath("/b/copy.txt", "d1");

        Assert.NotNull(existing);
        Assert.Equal(["/a/report.txt", "/b/copy.txt"], shelf.Store.FindDocument("d1")!.Paths);
        Assert.Equal("d1", shelf.Store.FindByPath("/b/copy.txt")!.Id);
        Assert.Equal(FileState.Indexed, shelf.Queue.Find("/b/copy.txt")!.State);
        Assert.Equal(1, shelf.Store.Count().IndexedDocuments);
    }

    [Fact]
    public void Members_worked_out_from_stored_ones_are_not_stored_and_read_back_the_same()
    {
        using (var shelf = Shelf.OpenForWriting(data.Path))
        {
            ShelfBuilder.Publish(shelf.Writer!, "d1", "/a/report.txt", "harbour dues");
            shelf.Writer!.Enqueue("/a/waiting.txt", 5, DateTime.UtcNow);
        }

        using (var raw = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = Path.Combine(data.Path, ShelfDatabase.FileName), ReadOnly = true }))
        {
            var document = raw.GetCollection("documents").FindById("d1");
            Assert.Equal("/a/report.txt", document["Paths"].AsArray[0].AsString);
            Assert.False(document.ContainsKey(nameof(DocumentRecord.PrimaryPath)));
            Assert.False(document.ContainsKey(nameof(DocumentRecord.LowConfidencePages)));
            Assert.False(raw.GetCollection("files").FindById("/a/waiting.txt").ContainsKey(nameof(FileEntry.Path)));
        }

        using var reader = Shelf.OpenForReading(data.Path);
        Assert.Equal("/a/report.txt", reader.Store.FindDocument("d1")!.PrimaryPath);
        Assert.Equal("/a/waiting.txt", reader.Queue.Find("/a/waiting.txt")!.Path);
    }

    [Fact]
    public void A_reader_opens_a_shelf_whose_lexical_index_is_damaged_and_only_its_searches_fail()
    {
        using (var shelf = Shelf.OpenForWriting(data.Path))
        {
            ShelfBuilder.Publish(shelf.Writer!, "d1", "/a/report.txt", "harbour dues");
        }

        foreach (var commit in Directory.GetFiles(Path.Combine(data.Path, LexicalIndex.FolderName), "segments_*"))
        {
            File.WriteAllText(commit, "not a commit");
        }

        using var reader = Shelf.OpenForReading(data.Path);

        Assert.Equal("d1", Assert.Single(reader.Store.AllDocuments()).Id);
        Assert.ThrowsAny<IOException>(() => reader.Searcher.Search("harbour", 5));
    }

    [Fact]
    public void Attaching_a_path_to_content_not_on_the_shelf_changes_nothing()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "old", "/a/report.txt", "harbour dues");

        Assert.Null(shelf.Writer!.AttachPath("/a/report.txt", "new"));
        Assert.Single(shelf.Searcher.Search("harbour", 10));
    }

    [Fact]
    public void New_content_published_at_a_path_replaces_the_old_content_it_held()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "old", "/a/report.txt", "harbour dues");

        ShelfBuilder.Publish(shelf.Writer!, "new", "/a/report.txt", "pilot cutter");

        Assert.Null(shelf.Store.FindDocument("old"));
        Assert.Empty(shelf.Store.ChunksOf("old"));
        Assert.Empty(shelf.Searcher.Search("harbour", 10));
        Assert.Equal("new", shelf.Store.FindByPath("/a/report.txt")!.Id);
    }

    [Fact]
    public void Old_content_still_found_at_another_path_stays_on_the_shelf()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "old", "/a/report.txt", "harbour dues");
        shelf.Writer!.AttachPath("/b/copy.txt", "old");

        ShelfBuilder.Publish(shelf.Writer, "new", "/a/report.txt", "pilot cutter");

        Assert.Equal(["/b/copy.txt"], shelf.Store.FindDocument("old")!.Paths);
        Assert.Single(shelf.Searcher.Search("harbour", 10));
    }

    [Fact]
    public void Forgetting_the_last_path_of_a_document_removes_it_from_store_and_index()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "d1", "/a/report.txt", "harbour dues");

        shelf.Writer!.Forget("/a/report.txt");
        shelf.Writer.Commit();

        Assert.Null(shelf.Store.FindDocument("d1"));
        Assert.Null(shelf.Queue.Find("/a/report.txt"));
        Assert.Empty(shelf.Searcher.Search("harbour", 10));
    }

    [Fact]
    public void A_quarantined_file_keeps_its_reason_and_has_nothing_in_the_index()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        var record = ShelfBuilder.Document("bad", "/a/bad.pdf") with { Status = DocumentStatus.Quarantined, Reason = "the file is empty (0 bytes)" };
        shelf.Writer!.Quarantine(record, "/a/bad.pdf");

        var stored = Assert.Single(shelf.Store.DocumentsWithStatus(DocumentStatus.Quarantined));
        Assert.Equal("the file is empty (0 bytes)", stored.Reason);
        Assert.Equal(FileState.Quarantined, shelf.Queue.Find("/a/bad.pdf")!.State);
        Assert.Equal(0, shelf.Store.Count().IndexedDocuments);
    }

    [Fact]
    public void The_shelf_counts_what_publishing_stored_whatever_the_record_said()
    {
        using var shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(shelf.Writer!, "d1", "/a/report.txt", "harbour dues", "mill leat");
        var misleading = ShelfBuilder.Document("d2", "/a/scan.pdf") with { PageCount = 40, OcrPageCount = 0, ChunkCount = 99 };
        var pages = new[] { (PageSource.Ocr, "parish ledger"), (PageSource.TextLayer, "tithe map"), (PageSource.Ocr, "ferry toll") }
            .Select((page, i) => new PageContent { Number = i + 1, Source = page.Item1, Text = page.Item2 })
            .ToList();
        var chunks = pages
            .Select(p => new Chunk { Id = Chunk.MakeId("d2", p.Number, 0), DocumentId = "d2", PageNumber = p.Number, Start = 0, End = p.Text.Length, Text = p.Text })
            .ToList();
        shelf.Writer!.Publish(misleading, "/a/scan.pdf", pages, chunks);
        shelf.Writer.Quarantine(ShelfBuilder.Document("bad", "/a/bad.pdf") with { Status = DocumentStatus.Quarantined, Reason = "empty", PageCount = 3 }, "/a/bad.pdf");

        Assert.Equal(new ShelfCounts(IndexedDocuments: 2, QuarantinedDocuments: 1, Pages: 5, OcrPages: 2, Chunks: 5), shelf.Store.Count());
        Assert.Equal((3, 2, 3), (shelf.Store.FindDocument("d2")!.PageCount, shelf.Store.FindDocument("d2")!.OcrPageCount, shelf.Store.FindDocument("d2")!.ChunkCount));
        Assert.Equal(new Dictionary<string, int> { ["d1"] = 2, ["d2"] = 3 }, shelf.Store.ChunkCounts());
        Assert.Equal(["bad", "d1", "d2"], shelf.Store.DocumentIds().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Reopening_restores_chunks_the_index_lost_and_drops_entries_the_store_does_not_hold()
    {
        // A run that stored a document but was killed before the index commit leaves the index behind the store.
        // The writer is given an index in another folder, so the shelf's own index never sees the document.
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var elsewhere = new TempFolder())
        using (var lostIndex = new LexicalIndex(elsewhere.Path, writable: true))
        {
            var record = ShelfBuilder.Document("kept", "/a/kept.txt") with { ChunkCount = 1, PageCount = 1 };
            new ShelfWriter(database, new ShelfStore(database), lostIndex, new PageSourceFolder(elsewhere.Path), new PageImageFolder(elsewhere.Path)).Publish(
                record,
                "/a/kept.txt",
                [new PageContent { Number = 1, Source = PageSource.PlainText, Text = "lighthouse lamp" }],
                [new Chunk { Id = "kept/1/0", DocumentId = "kept", PageNumber = 1, Start = 0, End = 15, Text = "lighthouse lamp" }]);
        }

        // And an index entry whose document never reached the store, and a duplicate of a stored chunk.
        using (var index = new LexicalIndex(data.Path, writable: true))
        {
            index.Add(new DocumentFacets(FileKind.PlainText, DateTime.UtcNow, new Dictionary<int, PageSource>()), [new Chunk { Id = "ghost/1/0", DocumentId = "ghost", PageNumber = 1, Start = 0, End = 10, Text = "ghost lamp" }]);
            index.Commit();
        }

        using (var shelf = Shelf.OpenForWriting(data.Path))
        {
            Assert.Equal((true, 1, 1), shelf.Reconciled);
            Assert.Equal(["kept"], shelf.Searcher.Search("lamp", 10).Select(h => h.DocumentId));
        }

        using (var index = new LexicalIndex(data.Path, writable: true))
        {
            index.Add(new DocumentFacets(FileKind.PlainText, DateTime.UtcNow, new Dictionary<int, PageSource>()), [new Chunk { Id = "kept/1/0", DocumentId = "kept", PageNumber = 1, Start = 0, End = 15, Text = "lighthouse lamp" }]);
            index.Commit();
        }

        using var reopened = Shelf.OpenForWriting(data.Path);
        Assert.Equal((true, 1, 0), reopened.Reconciled);
        Assert.Single(reopened.Searcher.Search("lamp", 10));
    }

    [Fact]
    public void An_index_committed_at_the_stores_stamp_is_trusted_and_one_a_change_outran_is_compared_and_repaired()
    {
        using (var shelf = Shelf.OpenForWriting(data.Path))
        {
            Assert.True(shelf.Reconciled.Compared); // a new shelf's index has no stamp yet
            ShelfBuilder.Publish(shelf.Writer!, "first", "/a/first.txt", "lighthouse lamp");
        }

        using (var shelf = Shelf.OpenForWriting(data.Path))
        {
            Assert.Equal((false, 0, 0), shelf.Reconciled);
            Assert.Equal(["first"], shelf.Searcher.Search("lamp", 10).Select(h => h.DocumentId));
        }

        // A change the store took and the shelf's index never saw, as when a kill comes between the two: the writer is
        // given an index in another folder.
        using (var database = new ShelfDatabase(data.Path, readOnly: false))
        using (var elsewhere = new TempFolder())
        using (var lostIndex = new LexicalIndex(elsewhere.Path, writable: true))
        {
            var writer = new ShelfWriter(database, new ShelfStore(database), lostIndex, new PageSourceFolder(elsewhere.Path), new PageImageFolder(elsewhere.Path));
            ShelfBuilder.Publish(writer, "second", "/a/second.txt", "harbour lamp");
        }

        using (var shelf = Shelf.OpenForWriting(data.Path))
        {
            Assert.Equal((true, 1, 0), shelf.Reconciled);
            Assert.Equal(["first", "second"], shelf.Searcher.Search("lamp", 10).Select(h => h.DocumentId).Order(StringComparer.Ordinal));
        }

        using var repaired = Shelf.OpenForWriting(data.Path);
        Assert.Equal((false, 0, 0), repaired.Reconciled);
    }

    [Fact]
    public void One_user_at_a_time_may_open_a_shelf_and_the_refusal_names_the_holder()
    {
        using (var writer = Shelf.OpenForWriting(data.Path))
        {
            ShelfBuilder.Publish(writer.Writer!, "d1", "/a/report.txt", "harbour dues");

            var error = Assert.Throws<ShelfInUseException>(() => Shelf.OpenForReading(data.Path));
            Assert.Contains($"process {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
            Assert.Throws<ShelfInUseException>(() => Shelf.OpenForWriting(data.Path));
        }

        using var reader = Shelf.OpenForReading(data.Path);
        Assert.Single(reader.Searcher.Search("harbour", 10));
        Assert.Null(reader.Writer);
    }

    [Fact]
    public void Reading_a_folder_with_no_shelf_says_how_to_make_one()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Shelf.OpenForReading(data.File("nothing-here")));
        Assert.Contains("docshelf ingest", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => data.Dispose();
}
