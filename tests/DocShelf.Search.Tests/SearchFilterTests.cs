using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Fixtures;

namespace DocShelf.Search.Tests;

public sealed class SearchFilterTests : IDisposable
{
    private static readonly DateTime LastYear = DateTime.UtcNow.AddYears(-1);

    private readonly TempFolder data = new();
    private readonly Shelf shelf;

    public SearchFilterTests()
    {
        shelf = Shelf.OpenForWriting(data.Path);
        ShelfBuilder.Publish(
            shelf.Writer!,
            ShelfBuilder.Document("scan", "/shelf/ledger.pdf") with { Kind = FileKind.Pdf, Dated = "1894-03-04" },
            (PageSource.TextLayer, "The harbour ledger, typed."),
            (PageSource.Ocr, "The harbour ledger, scanned by hand."));
        ShelfBuilder.Publish(
            shelf.Writer!,
            ShelfBuilder.Document("photo", "/shelf/quay.png") with { Kind = FileKind.Png, AddedUtc = LastYear, Dated = "1911" },
            (PageSource.Ocr, "A photograph of the harbour quay."));
        ShelfBuilder.Publish(shelf.Writer!, "notes", "/shelf/notes.txt", "Notes on the harbour dues.");
    }

    [Fact]
    public void Without_filters_every_matching_chunk_is_found()
    {
        Assert.Equal(4, shelf.Searcher.Search("harbour", 10).Count);
    }

    [Theory]
    [InlineData(1850, 1899, new[] { "scan" })]
    [InlineData(1900, null, new[] { "photo" })]
    [InlineData(null, 1911, new[] { "photo", "scan" })]
    [InlineData(1912, null, new string[0])]
    public void A_date_filter_keeps_only_documents_bearing_a_date_in_those_years(int? from, int? to, string[] expected)
    {
        var filters = new SearchFilters { DatedFromYear = from, DatedToYear = to };

        var hits = shelf.Searcher.Search("harbour", 10, filters);

        Assert.Equal(expected, hits.Select(h => h.DocumentId).Distinct().Order());
    }

    [Fact]
    public void A_kind_filter_keeps_only_documents_of_those_kinds()
    {
        var hits = shelf.Searcher.Search("harbour", 10, new SearchFilters { Kinds = [FileKind.Png, FileKind.PlainText] });
        Assert.Equal(["notes", "photo"], hits.Select(h => h.DocumentId).Order());
    }

    [Fact]
    public void A_source_filter_keeps_only_pages_read_that_way()
    {
        var ocr = shelf.Searcher.Search("harbour", 10, new SearchFilters { Sources = [PageSource.Ocr] });
        Assert.Equal(["photo/1/0", "scan/2/0"], ocr.Select(h => h.ChunkId).Order());

        var text = shelf.Searcher.Search("harbour", 10, new SearchFilters { Sources = [PageSource.TextLayer, PageSource.PlainText] });
        Assert.Equal(["notes/1/0", "scan/1/0"], text.Select(h => h.ChunkId).Order());
    }

    [Fact]
    public void A_date_filter_keeps_only_documents_added_since_then()
    {
        var hits = shelf.Searcher.Search("harbour", 10, new SearchFilters { AddedSinceUtc = DateTime.UtcNow.AddDays(-7) });
        Assert.DoesNotContain(hits, h => h.DocumentId == "photo");
        Assert.Equal(3, hits.Count);
    }

    [Fact]
    public void Filters_combine_and_do_not_change_scores()
    {
        var unfiltered = shelf.Searcher.Search("harbour", 10).Single(h => h.ChunkId == "scan/2/0");
        var filtered = Assert.Single(shelf.Searcher.Search("harbour", 10, new SearchFilters { Kinds = [FileKind.Pdf], Sources = [PageSource.Ocr] }));
        Assert.Equal(unfiltered.ChunkId, filtered.ChunkId);
        Assert.Equal(unfiltered.Score, filtered.Score, 5);
    }

    [Fact]
    public void An_index_from_an_older_schema_is_rebuilt_from_the_store_with_the_filter_fields()
    {
        shelf.Dispose();
        StripSchemaVersion(data.Path);

        using var reopened = Shelf.OpenForWriting(data.Path);

        Assert.Equal(3, reopened.Reconciled.Added);
        var hits = reopened.Searcher.Search("harbour", 10, new SearchFilters { Sources = [PageSource.Ocr] });
        Assert.Equal(["photo/1/0", "scan/2/0"], hits.Select(h => h.ChunkId).Order());
    }

    public void Dispose()
    {
        shelf.Dispose();
        data.Dispose();
    }

    /// <summary>Commits the index again without its schema mark, as DocShelf versions before the filter fields wrote it.</summary>
    private static void StripSchemaVersion(string dataDirectory)
    {
        using var directory = Lucene.Net.Store.FSDirectory.Open(Path.Combine(dataDirectory, "lexical"));
        using var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, null));
        writer.SetCommitData(new Dictionary<string, string>());
        writer.Commit();
    }
}
