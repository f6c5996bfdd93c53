using DocShelf.Core.Documents;
using DocShelf.Search.Store;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Where the lexical index has drifted from the store, the record of truth: indexed documents whose chunks the index
/// lacks or holds in another number, and documents the index holds that the store does not.
/// </summary>
public sealed record IndexDrift(IReadOnlyList<DocumentRecord> Stale, IReadOnlyList<string> Extra)
{
    public int Count => Stale.Count + Extra.Count;

    public static IndexDrift Find(ShelfStore store, LexicalIndex index)
    {
        var indexed = index.ChunkCounts();
        var stored = store.DocumentsWithStatus(DocumentStatus.Indexed).Where(d => d.ChunkCount > 0).ToList();
        var storedIds = stored.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return new IndexDrift(
            [.. stored.Where(d => indexed.GetValueOrDefault(d.Id) != d.ChunkCount)],
            [.. indexed.Keys.Where(id => !storedIds.Contains(id))]);
    }
}
