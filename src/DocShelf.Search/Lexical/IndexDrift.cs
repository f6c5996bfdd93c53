using DocShelf.Search.Store;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Where the lexical index has drifted from the store, the record of truth: indexed documents whose chunks the index
/// lacks or holds in another number, and documents the index holds that the store does not.
/// </summary>
public sealed record IndexDrift(IReadOnlyList<string> Stale, IReadOnlyList<string> Extra)
{
    public static readonly IndexDrift None = new([], []);

    public int Count => Stale.Count + Extra.Count;

    public static IndexDrift Find(ShelfStore store, LexicalIndex index)
    {
        var indexed = index.ChunkCounts();
        var stored = store.ChunkCounts();
        return new IndexDrift(
            [.. stored.Where(d => indexed.GetValueOrDefault(d.Key) != d.Value).Select(d => d.Key).Order(StringComparer.Ordinal)],
            [.. indexed.Keys.Where(id => !stored.ContainsKey(id))]);
    }
}
