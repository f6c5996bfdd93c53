using DocShelf.Core.Queue;
using DocShelf.Fixtures;
using DocShelf.Search.Store;
using LiteDB;

namespace DocShelf.Search.Tests;

/// <summary>
/// The store written afresh without the room deleted records left, on more records under one index than LiteDB's own
/// rebuild copes with (2,550), and without a kill part way costing anything.
/// </summary>
public sealed class StoreCompactionTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public void Thousands_of_records_under_an_index_are_written_afresh_smaller_with_every_record_and_index_kept()
    {
        var before = data.File("before.db");
        long givenBack, compacted;
        using (var store = new ShelfDatabase(data.Path, readOnly: false))
        {
            store.InTransaction(() => store.Files.InsertBulk(Enumerable.Range(0, 6000).Select(Entry)));
            store.InTransaction(() => store.Files.DeleteMany(f => f.Attempts == 0));
            store.CopyTo(before);

            givenBack = store.Compact();
            compacted = new FileInfo(Path.Combine(data.Path, ShelfDatabase.FileName)).Length;

            // The store goes on with the new file: read through an index, and written.
            Assert.Equal(3000, store.Files.Count(f => f.State == FileState.Indexed));
            store.InTransaction(() => store.Files.Insert(Entry(6001)));
        }

        using (var store = new ShelfDatabase(data.Path, readOnly: false))
        {
            Assert.Equal(3001, store.Files.Count(f => f.State == FileState.Indexed));
            store.InTransaction(() => store.Files.Delete(Entry(6001).Id));
        }

        Assert.True(givenBack > new FileInfo(before).Length / 4, $"{givenBack} bytes given back of {new FileInfo(before).Length}");
        Assert.Equal(new FileInfo(before).Length - givenBack, compacted);
        Assert.Equal(Contents(before), Contents(Path.Combine(data.Path, ShelfDatabase.FileName)));
    }

    [Fact]
    public void A_copy_a_kill_left_part_way_is_removed_when_the_store_is_next_opened_for_writing_and_the_store_is_whole()
    {
        using (var store = new ShelfDatabase(data.Path, readOnly: false))
        {
            store.InTransaction(() => store.Files.Insert(Entry(1)));
        }

        File.WriteAllBytes(data.File("shelf-compacting.db"), new byte[65536]);
        File.WriteAllBytes(data.File("shelf-compacting-log.db"), new byte[8192]);

        using (var reader = new ShelfDatabase(data.Path, readOnly: true))
        {
            Assert.True(File.Exists(data.File("shelf-compacting.db")), "a reader removed a file");
        }

        using var writer = new ShelfDatabase(data.Path, readOnly: false);
        Assert.False(File.Exists(data.File("shelf-compacting.db")));
        Assert.False(File.Exists(data.File("shelf-compacting-log.db")));
        Assert.Equal(Entry(1).Id, Assert.Single(writer.Files.FindAll()).Id);
    }

    public void Dispose() => data.Dispose();

    private static FileEntry Entry(int number) => new()
    {
        Id = $"/inbox/letters/letter-{number:D5}.pdf",
        State = FileState.Indexed,
        DocumentId = $"document-{number:D5}",
        Attempts = number % 2,
        Bytes = 1000 + number,
        ModifiedTicks = 638_000_000_000_000_000 + number,
        UpdatedUtc = new DateTime(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc),
        Reason = new string('x', 200), // records of some size, so the deleted half leaves room worth giving back
    };

    /// <summary>Every collection's indexes and records as LiteDB holds them, read with nothing of DocShelf's.</summary>
    private static List<string> Contents(string path)
    {
        using var store = new LiteDatabase(new ConnectionString { Filename = path, ReadOnly = true });
        var contents = new List<string>();
        foreach (var name in store.GetCollectionNames().Order(StringComparer.Ordinal))
        {
            using (var indexes = store.Execute("SELECT name, expression, unique FROM $indexes WHERE collection = @0 ORDER BY name", new BsonValue(name)))
            {
                while (indexes.Read())
                {
                    contents.Add($"{name} index {indexes.Current}");
                }
            }

            contents.AddRange(store.GetCollection(name).FindAll().Select(record => $"{name} {JsonSerializer.Serialize(record)}"));
        }

        return contents;
    }
}
