using DocShelf.Core.Search;

namespace DocShelf.Search.Hybrid;

/// <summary>
/// Orders fused hybrid results so that a researcher asking "is this word anywhere?" is answered truthfully: chunks
/// holding the query's words come first, in fused order; a chunk found by meaning alone is shown only when its
/// similarity reaches the model's floor for related results, and it keeps its fused place among the word hits
/// only when it is clearly closer in meaning than every one of them; the rest follow the word hits.
/// </summary>
public static class WordsFirst
{
    /// <summary>
    /// How much closer in meaning than the best word hit a meaning-only chunk must be to keep its fused place. On
    /// SQuAD dev-a, where nearly every gold paragraph holds some of its question's words, 0.05 loses none of
    /// hybrid search's recall (docs/benchmarks.md).
    /// </summary>
    public const double ClearlyCloser = 0.05;

    /// <param name="fused">Every fused hit, best first, each marked by what it matched.</param>
    /// <param name="similarity">A chunk's cosine similarity to the query (for a word hit the semantic ranking did not reach, at most its last).</param>
    /// <param name="floor">What a meaning-only chunk must reach to be shown at all.</param>
    /// <returns>The hits to show, in order; those under the floor left out.</returns>
    public static List<MatchedChunk> Arrange(IReadOnlyList<MatchedChunk> fused, Func<string, double> similarity, double floor)
    {
        var wordHits = fused.Where(h => h.Match == HitMatch.Words).ToList();
        var bestWordHit = wordHits.Count > 0 ? wordHits.Max(h => similarity(h.ChunkId)) : double.NegativeInfinity;
        var keepsPlace = Math.Max(floor, bestWordHit + ClearlyCloser);
        var inPlace = new List<MatchedChunk>();
        var after = new List<MatchedChunk>();
        foreach (var hit in fused)
        {
            if (hit.Match == HitMatch.Words || similarity(hit.ChunkId) >= keepsPlace)
            {
                inPlace.Add(hit);
            }
            else if (similarity(hit.ChunkId) >= floor)
            {
                after.Add(hit);
            }
        }

        return [.. inPlace.Concat(after)];
    }
}
