namespace DocShelf.Search.Vectors;

/// <summary>
/// The vectors of a collection that no saved graph holds yet, kept in memory and searched exactly: those stored since
/// the last save, those of a graph that went missing, and those stored before vectors were numbered.
/// </summary>
internal sealed class Unsaved(int dimensions)
{
    private readonly VectorMatrix matrix = new(dimensions);
    private readonly Dictionary<string, (long Key, string DocumentId, int Page)> citations = new(StringComparer.Ordinal);

    public int Count => matrix.Count;

    /// <summary>Holds <paramref name="stored"/>'s vector, in place of any the same chunk had.</summary>
    public void Hold(StoredVector stored, ReadOnlySpan<float> vector)
    {
        matrix.Set(stored.Id, vector);
        citations[stored.Id] = (stored.Key, stored.DocumentId, stored.Page);
    }

    public void Forget(string chunkId)
    {
        matrix.Remove(chunkId);
        citations.Remove(chunkId);
    }

    /// <summary>The held vectors that have a key, in key order, for saving into the graphs.</summary>
    public List<(long Key, float[] Vector)> Numbered() =>
        [.. citations.Where(c => c.Value.Key > 0).OrderBy(c => c.Value.Key).Select(c => (c.Value.Key, matrix.VectorOf(c.Key)))];

    /// <summary>Lets go of the vectors saved under <paramref name="keys"/>; a chunk stored again since, under a new key, stays.</summary>
    public void Saved(IEnumerable<long> keys)
    {
        var saved = keys.ToHashSet();
        foreach (var chunkId in citations.Where(c => saved.Contains(c.Value.Key)).Select(c => c.Key).ToList())
        {
            Forget(chunkId);
        }
    }

    /// <summary>The <paramref name="top"/> held vectors nearest to <paramref name="query"/> that <paramref name="accept"/> lets through, with their cosine similarity.</summary>
    public List<(ChunkVector Record, float Score)> Nearest(ReadOnlySpan<float> query, int top, Func<ChunkVector, bool>? accept)
    {
        Func<int, bool>? rowFilter = accept is null ? null : row => accept(Citation(matrix.KeyAt(row)));
        return [.. matrix.Search(query, top, rowFilter).Select(hit => (Citation(matrix.KeyAt(hit.Row)), hit.Score))];
    }

    private ChunkVector Citation(string chunkId) =>
        new() { ChunkId = chunkId, DocumentId = citations[chunkId].DocumentId, Page = citations[chunkId].Page };
}
