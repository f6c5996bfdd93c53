using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Search.Store;
using LiteDB;

namespace DocShelf.Search.Tests;

/// <summary>A page's words as the store keeps them: packed from store schema 4 on, against the page's text from schema 6, and still read in the layout before them.</summary>
public sealed class PackedWordsTests : IDisposable
{
    private static readonly Word[] Words =
    [
        new() { Text = "Harbour", Start = 0, Box = new Box(72.04, 91.5, 48.3, 11.02), Confidence = 96.37 },
        new() { Text = "dues,", Start = 8, Box = new Box(123.9, 91.5, 25.125, 11.02) },
        // The next line, starting left of the last word; a box a hair past the page's edge; a long word.
        new() { Text = "ﬁrst-class—Quillbrook", Start = 14, Box = new Box(-0.5, 104.75, 5123.45, 11.5), Confidence = 41.5 },
        new() { Text = "ελλάδα", Start = 36, Box = new Box(80, 118, 30, 11), Confidence = 0 },
        // A word given out of order still keeps its own start.
        new() { Text = "Harbour", Start = 0, Box = new Box(300, 40, 48, 11) },
    ];

    private static readonly string[] Vocabulary = ["harbour", "dues", "were", "raised", "in", "1894", "by", "the", "commission"];

    private readonly TempFolder folder = new();

    [Fact]
    public void Words_come_back_from_the_store_as_they_went_in_to_a_hundredth_in_a_seventh_of_the_room()
    {
        var page = Page("doc/1") with { Words = Words };
        using (var database = new ShelfDatabase(folder.Path, readOnly: false))
        {
            database.Pages.Insert(page);
        }

        using var reader = new ShelfDatabase(folder.Path, readOnly: true);
        var read = reader.Pages.FindById("doc/1")!.Words;

        Assert.Equal(Words.Select(w => (w.Text, w.Start)), read.Select(w => (w.Text, w.Start)));
        foreach (var (written, back) in Words.Zip(read))
        {
            Assert.Equal(written.Box.X, back.Box.X, 0.005);
            Assert.Equal(written.Box.Y, back.Box.Y, 0.005);
            Assert.Equal(written.Box.Width, back.Box.Width, 0.005);
            Assert.Equal(written.Box.Height, back.Box.Height, 0.005);
            Assert.Equal(written.Confidence, back.Confidence, 0.005);
        }

        using var raw = new LiteDatabase(new ConnectionString { Filename = Path.Combine(folder.Path, ShelfDatabase.FileName), ReadOnly = true });
        var packed = raw.GetCollection("pages").FindById("doc/1")["Words"];
        var asDocuments = new BsonMapper().ToDocument(page)["Words"];
        Assert.True(packed.IsBinary);
        Assert.True(packed.AsBinary.Length * 3 < BsonSerializer.Serialize(new BsonDocument { ["w"] = asDocuments }).Length, $"{packed.AsBinary.Length} bytes packed");
    }

    [Fact]
    public void A_full_pages_words_are_kept_compressed_in_less_than_three_fifths_of_the_room_and_a_few_words_plain()
    {
        // A page of a paper: 300 words on 50 lines, as a text layer gives them.
        var text = string.Join(' ', Enumerable.Range(0, 300).Select(i => Vocabulary[i % Vocabulary.Length] + (i % 7 == 0 ? "," : "")));
        var (words, at) = (new List<Word>(), 0);
        foreach (var (word, i) in text.Split(' ').Select((w, i) => (w, i)))
        {
            words.Add(new Word { Text = word, Start = at, Box = new Box(72 + ((i % 6) * 80.25), 90 + ((i / 6) * 12.5), word.Length * 5.5, 11.02) });
            at += word.Length + 1;
        }

        using (var database = new ShelfDatabase(folder.Path, readOnly: false))
        {
            database.Pages.Insert(Page("full/1") with { Text = text, Words = words });
            database.Pages.Insert(Page("few/1") with { Words = Words });
        }

        using var reader = new ShelfDatabase(folder.Path, readOnly: true);
        Assert.Equal(words.Select(w => (w.Text, w.Start, w.Box)), reader.Pages.FindById("full/1")!.Words.Select(w => (w.Text, w.Start, w.Box)));
        Assert.Equal(Words.Select(w => (w.Text, w.Start)), reader.Pages.FindById("few/1")!.Words.Select(w => (w.Text, w.Start)));
        using var raw = new LiteDatabase(new ConnectionString { Filename = Path.Combine(folder.Path, ShelfDatabase.FileName), ReadOnly = true });
        var (full, few) = (raw.GetCollection("pages").FindById("full/1")["Words"].AsBinary, raw.GetCollection("pages").FindById("few/1")["Words"].AsBinary);
        Assert.Equal(4, full[0]);
        Assert.Equal(3, few[0]); // five words compress to more than they take
        var plain = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(full, 1, full.Length - 1), System.IO.Compression.CompressionMode.Decompress))
        {
            brotli.CopyTo(plain);
        }

        Assert.True(full.Length * 5 < plain.Length * 3, $"{full.Length} bytes compressed, {plain.Length} plain");
    }

    [Fact]
    public void A_words_text_is_kept_once_where_the_page_text_holds_it_at_its_start_and_kept_with_the_word_where_not()
    {
        Word[] words =
        [
            new() { Text = "Harbour", Start = 0, Box = new Box(72, 91, 48, 11) },
            new() { Text = "Quillbrook", Start = 25, Box = new Box(130, 91, 60, 11) }, // "ﬁrst-class—Quillbrook" holds it here
            new() { Text = "Wend", Start = 8, Box = new Box(200, 91, 30, 11) }, // "dues," is at 8: the page does not hold it
            new() { Text = "ελλάδα", Start = 36, Box = new Box(240, 91, 30, 11) },
            new() { Text = "tail", Start = 40, Box = new Box(280, 91, 20, 11) }, // runs past the page's text
        ];
        using (var database = new ShelfDatabase(folder.Path, readOnly: false))
        {
            database.Pages.Insert(Page("once/1") with { Words = words });
        }

        using var reader = new ShelfDatabase(folder.Path, readOnly: true);
        Assert.Equal(words.Select(w => (w.Text, w.Start)), reader.Pages.FindById("once/1")!.Words.Select(w => (w.Text, w.Start)));
        using var raw = new LiteDatabase(new ConnectionString { Filename = Path.Combine(folder.Path, ShelfDatabase.FileName), ReadOnly = true });
        var packed = raw.GetCollection("pages").FindById("once/1")["Words"].AsBinary;
        Assert.Equal(3, packed[0]);
        var body = System.Text.Encoding.UTF8.GetString(packed);
        Assert.DoesNotContain("Harbour", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Quillbrook", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ελλάδα", body, StringComparison.Ordinal);
        Assert.Contains("Wend", body, StringComparison.Ordinal);
        Assert.Contains("tail", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_stored_before_schema_4_with_a_document_for_each_word_still_reads()
    {
        using (var raw = new LiteDatabase(Path.Combine(folder.Path, ShelfDatabase.FileName)))
        {
            raw.GetCollection("pages").Insert(new BsonMapper().ToDocument(Page("old/1") with { Words = Words }));
        }

        using var database = new ShelfDatabase(folder.Path, readOnly: true);
        var read = database.Pages.FindById("old/1")!.Words;

        Assert.Equal(Words, read);
    }

    public void Dispose() => folder.Dispose();

    private static PageContent Page(string id) => new() { Id = id, DocumentId = id[..id.IndexOf('/')], Number = 1, Source = PageSource.TextLayer, Text = "Harbour dues, ﬁrst-class—Quillbrook ελλάδα", Width = 612, Height = 792 };
}
