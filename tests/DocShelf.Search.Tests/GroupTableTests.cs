using DocShelf.Fixtures;
using DocShelf.Search.Vectors.Groups;

namespace DocShelf.Search.Tests;

/// <summary>The table that finds a chunk's numbers (its entries in a sentence file): runs, growth, adding again, damage.</summary>
public sealed class GroupTableTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void Keys_are_found_by_their_group_through_growth_and_after_opening_again()
    {
        // 3,000 chunks of 1 to 12 sentences stored together, then 200 whose sentences were stored in two turns.
        var random = new Random(31);
        var expected = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var added = new List<(long Key, string Group)>();
        long key = 0;
        for (var chunk = 0; chunk < 3_000; chunk++)
        {
            var group = $"doc{chunk % 97}/{chunk}/0";
            expected[group] = [.. Enumerable.Range(0, random.Next(1, 13)).Select(_ => ++key)];
            added.AddRange(expected[group].Select(k => (k, group)));
        }

        var split = Enumerable.Range(0, 200).Select(i => $"split/{i}").ToList();
        foreach (var turn in new[] { 0, 1 })
        {
            foreach (var group in split)
            {
                var keys = expected.TryGetValue(group, out var known) ? known : expected[group] = [];
                var these = Enumerable.Range(0, 2 + turn).Select(_ => ++key).ToList();
                keys.AddRange(these);
                added.AddRange(these.Select(k => (k, group)));
            }
        }

        using (var table = GroupTable.Open(folder.Path, writable: true)!)
        {
            foreach (var batch in added.Chunk(1_000))
            {
                table.Add(batch, batch[^1].Key);
            }

            Assert.Equal(key, table.CoveredKey);
            Assert.Equal(3_000 + (2 * 200), table.Runs); // a run for each group's turn, not a key each
            AssertHolds(table, expected);
        }

        Assert.True(new FileInfo(Path.Combine(folder.Path, GroupTable.FileName)).Length > 16L * 4096, "the table grew past its first size");
        using var reader = GroupTable.Open(folder.Path, writable: false)!;
        Assert.Equal(key, reader.CoveredKey);
        AssertHolds(reader, expected);
        Assert.Empty(reader.KeysOf("no such chunk"));
    }

    [Fact]
    public void Keys_added_again_after_a_kill_leave_the_table_as_it_was()
    {
        var keys = Enumerable.Range(1, 500).Select(k => ((long)k, $"chunk/{(k - 1) / 5}")).ToList();
        using var table = GroupTable.Open(folder.Path, writable: true)!;
        table.Add(keys.Take(300), 300);
        var runs = table.Runs;

        // A writer killed after adding keys 301 to 400 but before recording them adds them again from the rows.
        table.Add(keys.Skip(300).Take(100), 300);
        table.Add(keys.Skip(200), 500);

        Assert.Equal(500, table.CoveredKey);
        Assert.Equal(100, table.Runs);
        Assert.Equal(60, runs);
        Assert.Equal([496L, 497, 498, 499, 500], table.KeysOf("chunk/99"));
        Assert.Equal([1L, 2, 3, 4, 5], table.KeysOf("chunk/0"));
    }

    [Fact]
    public void A_damaged_table_is_started_again_by_a_writer_and_not_read_by_a_reader()
    {
        using (var table = GroupTable.Open(folder.Path, writable: true)!)
        {
            table.Add([(1, "a/1/0"), (2, "a/1/0"), (3, "b/1/0")], 3);
        }

        var path = Path.Combine(folder.Path, GroupTable.FileName);
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - 16); // cut short, as by a full disk
        }

        Assert.Null(GroupTable.Open(folder.Path, writable: false));
        using var again = GroupTable.Open(folder.Path, writable: true)!;
        Assert.Equal(0, again.CoveredKey);
        Assert.Empty(again.KeysOf("a/1/0"));
        again.Add([(1, "a/1/0"), (2, "a/1/0"), (3, "b/1/0")], 3);
        Assert.Equal([1L, 2], again.KeysOf("a/1/0"));
    }

    public void Dispose() => folder.Dispose();

    private static void AssertHolds(GroupTable table, Dictionary<string, List<long>> expected)
    {
        foreach (var (group, keys) in expected)
        {
            Assert.Equal(keys, table.KeysOf(group));
        }
    }
}
