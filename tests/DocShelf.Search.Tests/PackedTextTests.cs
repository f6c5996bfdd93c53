using System.Text;
using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Search.Store;
using LiteDB;

namespace DocShelf.Search.Tests;

/// <summary>The text of pages and chunks as the store keeps it: compressed where that saves room, and read back exactly either way.</summary>
public sealed class PackedTextTests : IDisposable
{
    private static readonly string LongText = string.Join(
        "\n",
        Enumerable.Range(1, 40).Select(i => $"Line {i}: the harbour commission raised the dues on first-class vessels — ελλάδα, £{i * 3}."));

    private readonly TempFolder folder = new();

    [Fact]
    public void Long_text_is_stored_compressed_short_text_as_it_is_and_both_read_back_exactly()
    {
        using (var database = new ShelfDatabase(folder.Path, readOnly: false))
        {
            database.Pages.Insert(Page("doc/1", LongText));
            database.Pages.Insert(Page("doc/2", "Harbour dues."));
            database.Chunks.Insert(Chunk("doc/1/0", LongText));
        }

        using (var reader = new ShelfDatabase(folder.Path, readOnly: true))
        {
            Assert.Equal(LongText, reader.Pages.FindById("doc/1")!.Text);
            Assert.Equal("Harbour dues.", reader.Pages.FindById("doc/2")!.Text);
            Assert.Equal(LongText, reader.Chunks.FindById("doc/1/0")!.Text);
        }

        using var raw = Raw();
        var (page, chunk) = (raw.GetCollection("pages").FindById("doc/1")["Text"], raw.GetCollection("chunks").FindById("doc/1/0")["Text"]);
        Assert.True(page.IsBinary && chunk.IsBinary);
        Assert.True(page.AsBinary.Length * 2 < Encoding.UTF8.GetByteCount(LongText), $"{page.AsBinary.Length} bytes compressed");
        Assert.True(raw.GetCollection("pages").FindById("doc/2")["Text"].IsString);
    }

    [Fact]
    public void Text_stored_before_it_was_compressed_still_reads()
    {
        using (var raw = Raw(readOnly: false))
        {
            raw.GetCollection("pages").Insert(new BsonMapper().ToDocument(Page("old/1", LongText)));
            raw.GetCollection("chunks").Insert(new BsonMapper().ToDocument(Chunk("old/1/0", LongText)));
        }

        using var database = new ShelfDatabase(folder.Path, readOnly: true);
        Assert.Equal(LongText, database.Pages.FindById("old/1")!.Text);
        Assert.Equal(LongText, database.Chunks.FindById("old/1/0")!.Text);
    }

    public void Dispose() => folder.Dispose();

    private LiteDatabase Raw(bool readOnly = true) =>
        new(new ConnectionString { Filename = Path.Combine(folder.Path, ShelfDatabase.FileName), ReadOnly = readOnly });

    private static PageContent Page(string id, string text) =>
        new() { Id = id, DocumentId = id[..id.IndexOf('/')], Number = 1, Source = PageSource.TextLayer, Text = text, Width = 612, Height = 792 };

    private static Chunk Chunk(string id, string text) =>
        new() { Id = id, DocumentId = id[..id.IndexOf('/')], PageNumber = 1, Start = 0, End = text.Length, Text = text };
}
