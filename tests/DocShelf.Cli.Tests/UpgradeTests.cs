using System.Security.Cryptography;
using System.Text.Json;
using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Search;
using DocShelf.Search.Lexical;
using DocShelf.Search.Sentences;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;

namespace DocShelf.Cli.Tests;

/// <summary>
/// Shelves written by other versions: tests/fixtures holds a shelf as this version writes it (`./build.sh
/// shelf-fixture`), which each test copies and, for an older or newer version, rewinds or advances.
/// </summary>
public sealed class UpgradeTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", $"shelf-schema-{ShelfDatabase.SchemaVersion}");

    private readonly TempFolder folder = new();

    [Fact]
    public async Task The_committed_shelf_of_this_schema_opens_as_it_is_and_answers()
    {
        var data = CopyOfFixture();

        var documents = await CliRunner.RunAsync(data, "documents", "--json");
        var search = await CliRunner.RunAsync(data, "search", "breakwater lamp", "--top", "1");

        Assert.True(documents.ExitCode == 0, documents.ToString());
        Assert.Equal(["1894", "1902-06-12"], Dates(documents.Output));
        Assert.Contains("harbour-commission-report-1894.pdf  page 3", search.Output, StringComparison.Ordinal);
        using var shelf = Shelf.OpenForReading(data);
        Assert.Equal(ShelfDatabase.SchemaVersion, shelf.Schema);
    }

    [Fact]
    public async Task A_shelf_from_before_schema_versions_is_backed_up_and_then_upgraded_in_place()
    {
        var data = CopyOfFixture();
        RewindToSchemaZero(data);
        var empty = folder.Folder("nothing-new");

        var doctor = await CliRunner.RunAsync(data, "doctor", "--json");
        var upgrade = await CliRunner.RunAsync(data, "ingest", empty);

        var schemaFinding = Finding(doctor.Output, "store schema");
        Assert.Equal("warning", schemaFinding.GetProperty("health").GetString());
        Assert.Contains("schema 0, written by an older DocShelf", schemaFinding.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains($"upgrades this shelf's store from schema 0 to {ShelfDatabase.SchemaVersion}", upgrade.Error, StringComparison.Ordinal);
        Assert.Contains("store schema 0 to 1: 2 documents dated from their first page", upgrade.Error, StringComparison.Ordinal);
        Assert.Contains("store schema 2 to 3: 0 vectors numbered", upgrade.Error, StringComparison.Ordinal); // numbered when they were stored
        var documents = await CliRunner.RunAsync(data, "documents", "--json");
        Assert.Equal(["1894", "1902-06-12"], Dates(documents.Output));
        using (var shelf = Shelf.OpenForReading(data))
        {
            Assert.Equal(ShelfDatabase.SchemaVersion, shelf.Schema);
            // The date filter reads the index, which the upgrade wrote the dates into.
            var nineties = shelf.Lexical.Search(shelf.Lexical.ParseQuery("harbour"), 5, new SearchFilters { DatedFromYear = 1890, DatedToYear = 1899 });
            Assert.NotEmpty(nineties);
            Assert.All(nineties, hit => Assert.Equal(DocumentIdOf(documents.Output, "harbour-commission-report-1894.pdf"), hit.DocumentId));
        }

        // The backup made first holds the shelf as it was, and restores.
        var backup = Assert.Single(Directory.GetFiles(Path.Combine(data, "upgrade-backups")));
        Assert.Equal(0, BackupEntries.Manifest(backup).GetProperty("schema").GetInt32());
        var restored = await CliRunner.RunAsync(folder.File("restored"), "restore", backup);
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Contains("Restored 3 documents", restored.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_1_shelf_an_earlier_DocShelf_wrote_is_upgraded_and_its_untitled_documents_get_their_first_lines_as_titles()
    {
        var data = folder.Folder("data");
        FolderCopy.Copy(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "shelf-schema-1"), data, file => Path.GetFileName(file) is not ("shelf.lock" or "shelf.pid"));
        var before = await CliRunner.RunAsync(data, "documents", "--json");
        // Its index keeps no word offsets: counts are made from the text until the upgrade rebuilds it, and agree after.
        var countsBefore = await CliRunner.RunAsync(data, "search", "harbour", "--json");

        var upgrade = await CliRunner.RunAsync(data, "ingest", folder.Folder("nothing-new"));
        var after = await CliRunner.RunAsync(data, "documents", "--json");
        var countsAfter = await CliRunner.RunAsync(data, "search", "harbour", "--json");

        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.DoesNotContain("Report of the Harbour Commission", Titles(before.Output));
        Assert.Contains("store schema 1 to 2: 3 documents titled from their first lines", upgrade.Error, StringComparison.Ordinal);
        Assert.Contains("Report of the Harbour Commission, Eastwick, 1894", Titles(after.Output));
        Assert.True(countsBefore.ExitCode == 0, countsBefore.ToString());
        Assert.Equal("[{\"documentId\":\"8db4e1b872f994c4\",\"count\":7,\"pages\":3}]", Counts(countsBefore.Output));
        Assert.Equal(Counts(countsBefore.Output), Counts(countsAfter.Output));
        using var shelf = Shelf.OpenForReading(data);
        Assert.Equal(ShelfDatabase.SchemaVersion, shelf.Schema);
    }

    [Fact]
    public async Task The_schema_1_shelf_an_earlier_DocShelf_wrote_is_upgraded_with_its_vectors_numbered_and_searches_as_before()
    {
        var data = folder.Folder("data");
        FolderCopy.Copy(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "shelf-schema-1"), data, file => Path.GetFileName(file) is not ("shelf.lock" or "shelf.pid"));
        var before = await CliRunner.RunAsync(data, "search", "breakwater lamp", "--mode", "semantic", "--json");

        var upgrade = await CliRunner.RunAsync(data, "ingest", folder.Folder("nothing-new"));
        var after = await CliRunner.RunAsync(data, "search", "breakwater lamp", "--mode", "semantic", "--json");

        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains("store schema 1 to 2: ", upgrade.Error, StringComparison.Ordinal);
        Assert.Contains("store schema 2 to 3: ", upgrade.Error, StringComparison.Ordinal);
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Equal(ChunkIds(before.Output), ChunkIds(after.Output));
        using var store = new ShelfDatabase(data, readOnly: true);
        Assert.Equal(ShelfDatabase.SchemaVersion, store.Schema);
        foreach (var info in store.VectorCollections.FindAll())
        {
            var keys = store.Vectors(info.Id).FindAll().Select(v => v.Key).Order().ToList();
            Assert.NotEmpty(keys);
            Assert.Equal(Enumerable.Range(1, keys.Count).Select(k => (long)k), keys); // each vector its own number
            Assert.Equal(keys.Count, info.LastKey);
            Assert.Equal(keys.Count, info.Count);
        }
    }

    [Fact]
    public async Task The_schema_3_shelf_is_upgraded_with_its_words_packed_its_vectors_smaller_and_its_originals_kept_and_searches_as_before()
    {
        var data = folder.Folder("data");
        FolderCopy.Copy(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "shelf-schema-3"), data, file => Path.GetFileName(file) is not ("shelf.lock" or "shelf.pid"));
        // The fixture's PDFs were read before page sources were kept: one original is where the shelf read it, the other changed since.
        var (harbour, letters) = ("8db4e1b872f994c4", "3d552dc7a7c2e2d9");
        var originals = folder.Folder("originals");
        File.Copy(Path.Combine(RepositoryPaths.Root, "sample-docs", "harbour-commission-report-1894.pdf"), Path.Combine(originals, "harbour.pdf"));
        await File.WriteAllBytesAsync(Path.Combine(originals, "letters.pdf"), [.. await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "sample-docs", "river-wend-survey-letters-1902.pdf")), .. "%changed"u8]);
        MoveOriginals(data, new() { [harbour] = Path.Combine(originals, "harbour.pdf"), [letters] = Path.Combine(originals, "letters.pdf") });
        var storeBefore = new FileInfo(Path.Combine(data, ShelfDatabase.FileName)).Length;
        var wordsBefore = AllWords(data);
        // By meaning alone, so the vectors decide: read by this DocShelf as the older one stored them, and after re-encoding.
        var before = await CliRunner.RunAsync(data, "search", "breakwater lamp", "--mode", "semantic", "--json");

        var upgrade = await CliRunner.RunAsync(data, "ingest", folder.Folder("nothing-new"));
        var after = await CliRunner.RunAsync(data, "search", "breakwater lamp", "--mode", "semantic", "--json");

        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Matches(@"store schema 3 to 4: 6 pages and 6 chunks packed, [1-9]\d* vectors made smaller, originals kept as page sources: 1,", upgrade.Error);
        // The unchanged original is kept and its old images let go; the changed one is not the content read, so its images stay.
        var kept = Path.Combine(data, "page-sources", harbour);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(originals, "harbour.pdf")), await File.ReadAllBytesAsync(kept));
        Assert.False(Directory.Exists(Path.Combine(data, "pages", harbour)));
        Assert.False(File.Exists(Path.Combine(data, "page-sources", letters)));
        Assert.True(Directory.Exists(Path.Combine(data, "pages", letters)));
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Equal(ChunkIds(before.Output), ChunkIds(after.Output));
        Assert.All(Scores(before.Output).Zip(Scores(after.Output)), pair => Assert.Equal(pair.First, pair.Second, 0.003));
        var wordsAfter = AllWords(data);
        Assert.Equal(wordsBefore.Select(w => (w.Text, w.Start)), wordsAfter.Select(w => (w.Text, w.Start)));
        Assert.All(wordsBefore.Zip(wordsAfter), pair => Assert.Equal(pair.First.Box.X, pair.Second.Box.X, 0.005));
        // Compacted: no larger than the same files' store as this version writes it, give or take one LiteDB page.
        var storeAfter = new FileInfo(Path.Combine(data, ShelfDatabase.FileName)).Length;
        Assert.True(storeAfter < storeBefore, $"{storeAfter} bytes after, {storeBefore} before");
        Assert.InRange(storeAfter, 0, new FileInfo(Path.Combine(Fixture, ShelfDatabase.FileName)).Length + 8192);
        using var store = new ShelfDatabase(data, readOnly: true);
        Assert.Equal(ShelfDatabase.SchemaVersion, store.Schema);
        var chunks = Assert.Single(store.VectorCollections.FindAll());
        Assert.Equal(Shelf.ChunkEncoding, chunks.Encoding);
        Assert.All(store.Vectors(chunks.Id).FindAll(), v => Assert.Equal(VectorCodec.ByteCount(chunks.Dimensions, Shelf.ChunkEncoding), v.Data.Length));
        var sentences = Assert.Single(store.SentenceFiles.FindAll());
        Assert.Equal(Shelf.SentenceEncoding, sentences.Encoding);
        Assert.InRange(sentences.Count, 6, int.MaxValue);
    }

    [Fact]
    public async Task The_schema_4_shelf_is_upgraded_with_every_sentence_vector_moved_to_its_file_unchanged_and_the_old_copies_gone()
    {
        var data = folder.Folder("data");
        FolderCopy.Copy(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "shelf-schema-4"), data, file => Path.GetFileName(file) is not ("shelf.lock" or "shelf.pid"));
        var model = "snowflake-arctic-embed-xs";
        string oldGraphs;
        Dictionary<string, List<((int Start, int End) Span, byte[] Data)>> before;
        using (var old = new ShelfDatabase(data, readOnly: true))
        {
            oldGraphs = old.GraphFolder(model + SentenceKey.CollectionSuffix);
            before = old.Vectors(model + SentenceKey.CollectionSuffix).FindAll()
                .GroupBy(v => SentenceKey.ChunkOf(v.Id))
                .ToDictionary(g => g.Key, g => g.Select(v => (SentenceKey.SpanOf(v.Id), v.Data)).OrderBy(s => s.Item1).ToList());
        }

        var upgrade = await CliRunner.RunAsync(data, "ingest", folder.Folder("nothing-new"));
        var search = await CliRunner.RunAsync(data, "search", "breakwater lamp", "--top", "1");

        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains($"store schema 4 to 5: {before.Values.Sum(s => s.Count)} sentence vectors moved to their file", upgrade.Error, StringComparison.Ordinal);
        Assert.Contains("harbour-commission-report-1894.pdf  page 3", search.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(oldGraphs));
        Assert.False(File.Exists(Path.Combine(data, "shelf-backup.db")), "LiteDB's copy of the store from before compacting is gone");
        using var store = new ShelfDatabase(data, readOnly: true);
        Assert.Equal(ShelfDatabase.SchemaVersion, store.Schema);
        Assert.DoesNotContain(store.VectorCollections.FindAll(), c => SentenceKey.IsCollection(c.Id));
        using var sentences = new SentenceVectors(store, model, 384, Shelf.SentenceEncoding);
        Assert.Equal(before.Values.Sum(s => s.Count), sentences.Count);
        foreach (var (chunk, expected) in before)
        {
            var moved = sentences.Of(chunk);
            Assert.Equal(expected.Select(s => s.Span), moved.Select(s => (s.Start, s.End)));
            Assert.All(expected.Zip(moved), pair => Assert.Equal(Decoded(pair.First.Data), pair.Second.Vector.ToArray()));
        }
    }

    [Fact]
    public async Task The_schema_5_shelf_is_upgraded_with_every_pages_words_unchanged_and_their_text_kept_once()
    {
        var data = folder.Folder("data");
        FolderCopy.Copy(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "shelf-schema-5"), data, file => Path.GetFileName(file) is not ("shelf.lock" or "shelf.pid"));
        Dictionary<string, List<Word>> before;
        using (var old = new ShelfDatabase(data, readOnly: true))
        {
            before = old.Pages.FindAll().ToDictionary(p => p.Id, p => p.Words.ToList());
        }

        var wordsBefore = PackedWordBytes(data);

        var upgrade = await CliRunner.RunAsync(data, "ingest", folder.Folder("nothing-new"));
        var search = await CliRunner.RunAsync(data, "search", "breakwater lamp", "--top", "1");

        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains($"store schema 5 to 6: {before.Count} pages' words packed against their text", upgrade.Error, StringComparison.Ordinal);
        Assert.Contains("harbour-commission-report-1894.pdf  page 3", search.Output, StringComparison.Ordinal);
        using (var store = new ShelfDatabase(data, readOnly: true))
        {
            Assert.Equal(ShelfDatabase.SchemaVersion, store.Schema);
            var after = store.Pages.FindAll().ToDictionary(p => p.Id, p => p.Words.ToList());
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            Assert.All(before, page => Assert.Equal(page.Value, after[page.Key]));
        }

        var wordsAfter = PackedWordBytes(data);
        Assert.True(wordsAfter * 10 < wordsBefore * 8, $"the pages' words took {wordsBefore} bytes and take {wordsAfter}");
    }

    [Fact]
    public async Task A_shelf_from_a_newer_DocShelf_is_refused_by_every_command_and_left_as_it_was()
    {
        var data = CopyOfFixture();
        using (var store = new ShelfDatabase(data, readOnly: false))
        {
            store.Schema = ShelfDatabase.SchemaVersion + 1;
        }

        var before = Fingerprint(data);

        var search = await CliRunner.RunAsync(data, "search", "breakwater");
        var ingest = await CliRunner.RunAsync(data, "ingest", folder.Folder("nothing-new"));
        var backup = await CliRunner.RunAsync(data, "backup", folder.File("backup.tar.gz"));
        var doctor = await CliRunner.RunAsync(data, "doctor", "--json");

        Assert.Equal(1, doctor.ExitCode);
        Assert.Equal("problem", Finding(doctor.Output, "store schema").GetProperty("health").GetString());
        foreach (var refused in new[] { search, ingest, backup })
        {
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"written by a newer DocShelf: its store is in schema {ShelfDatabase.SchemaVersion + 1}", refused.Error, StringComparison.Ordinal);
        }

        Assert.Equal(before, Fingerprint(data));
        Assert.False(File.Exists(folder.File("backup.tar.gz")));
    }

    public void Dispose() => folder.Dispose();

    private static float[] Decoded(byte[] data)
    {
        var vector = new float[VectorCodec.Dimensions(data.Length, Shelf.SentenceEncoding)];
        VectorCodec.Decode(data, Shelf.SentenceEncoding, vector);
        return vector;
    }

    /// <summary>What the store's pages' packed words take, read as LiteDB stores them.</summary>
    private static long PackedWordBytes(string data)
    {
        using var raw = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = Path.Combine(data, ShelfDatabase.FileName), ReadOnly = true });
        return raw.GetCollection("pages").FindAll().Sum(page => (long)page["Words"].AsBinary.Length);
    }

    /// <summary>A shelf as a DocShelf from before schema versions left it: no version, no dates, an index without them.</summary>
    private static void RewindToSchemaZero(string data)
    {
        using (var store = new ShelfDatabase(data, readOnly: false))
        {
            store.InTransaction(() =>
            {
                foreach (var document in store.Documents.FindAll().ToList())
                {
                    store.Documents.Update(document with { Dated = null });
                }

                store.Schema = 0;
            });
        }

        // Rebuilt from the undated store when the shelf opens.
        Directory.Delete(Path.Combine(data, LexicalIndex.FolderName), recursive: true);
    }

    private string CopyOfFixture()
    {
        Assert.True(Directory.Exists(Fixture), $"there is no shelf fixture for store schema {ShelfDatabase.SchemaVersion}; make it with ./build.sh shelf-fixture and commit it");
        var data = folder.Folder("data");
        FolderCopy.Copy(Fixture, data, file => Path.GetFileName(file) is not ("shelf.lock" or "shelf.pid"));
        return data;
    }

    private static string Counts(string searchJson) => JsonSerializer.Serialize(JsonDocument.Parse(searchJson).RootElement.GetProperty("documents"));

    private static List<string> Titles(string documentsJson) =>
        [.. JsonDocument.Parse(documentsJson).RootElement.EnumerateArray()
            .Select(d => d.TryGetProperty("title", out var title) ? title.GetString() : null)
            .OfType<string>()];
    private static List<string> ChunkIds(string searchJson) =>
        [.. JsonDocument.Parse(searchJson).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("chunkId").GetString()!)];

    private static List<double> Scores(string searchJson) =>
        [.. JsonDocument.Parse(searchJson).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("score").GetDouble())];

    private static List<string> Dates(string documentsJson) =>
        [.. JsonDocument.Parse(documentsJson).RootElement.EnumerateArray()
            .Select(d => d.TryGetProperty("dated", out var dated) ? dated.GetString() : null)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

    private static JsonElement Finding(string doctorJson, string check) =>
        JsonDocument.Parse(doctorJson).RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("check").GetString() == check);

    private static string DocumentIdOf(string documentsJson, string fileName) =>
        JsonDocument.Parse(documentsJson).RootElement.EnumerateArray()
            .First(d => d.GetProperty("path").GetString()!.EndsWith(fileName, StringComparison.Ordinal)).GetProperty("id").GetString()!;

    /// <summary>Points documents at other paths for their originals, as if the files had been moved since they were read.</summary>
    private static void MoveOriginals(string data, Dictionary<string, string> paths)
    {
        using var store = new ShelfDatabase(data, readOnly: false);
        store.InTransaction(() =>
        {
            foreach (var (id, path) in paths)
            {
                store.Documents.Update(store.Documents.FindById(id) with { Paths = [path] });
            }
        });
    }

    /// <summary>Every page's words, in page order, read straight from the store.</summary>
    private static List<Core.Documents.Word> AllWords(string data)
    {
        using var store = new ShelfDatabase(data, readOnly: true);
        return [.. store.Pages.FindAll().OrderBy(p => p.Id, StringComparer.Ordinal).SelectMany(p => p.Words)];
    }

    /// <summary>The sha256 of the store and of every index file, to tell whether anything was written.</summary>
    private static string Fingerprint(string data) => string.Join('\n',
        Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not ("shelf.lock" or "shelf.pid"))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(data, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}
