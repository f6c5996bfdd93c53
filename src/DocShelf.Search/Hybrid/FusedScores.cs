namespace DocShelf.Search.Hybrid;

/// <summary>Sums each chunk's share from every ranking that found it, and orders them with ties kept stable.</summary>
internal sealed class FusedScores
{
    private readonly Dictionary<string, (ScoredChunk Chunk, double Score, int FirstSeen)> scores = new(StringComparer.Ordinal);

    public void Add(ScoredChunk chunk, double share)
    {
        scores[chunk.ChunkId] = scores.TryGetValue(chunk.ChunkId, out var known)
            ? known with { Score = known.Score + share }
            : (chunk, share, scores.Count);
    }

    /// <summary>Ties go by chunk id, so the result is the same on every run and on every copy of the shelf, however its index was merged.</summary>
    public List<ScoredChunk> Best(int top) =>
        [.. scores.Values.OrderByDescending(s => s.Score).ThenBy(s => s.Chunk.ChunkId, StringComparer.Ordinal).Take(top).Select(s => s.Chunk with { Score = s.Score })];
}
