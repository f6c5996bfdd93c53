namespace DocShelf.Search.Hybrid;

/// <summary>
/// Reciprocal rank fusion: each ranked list gives an item weight ÷ (k + rank), and the sums decide the order. It
/// needs no calibration between BM25 scores and cosine similarities, only the ranks each list gives.
/// </summary>
public static class RankFusion
{
    /// <summary>The usual damping constant: items deep in a list still count, but little.</summary>
    public const int DefaultK = 60;

    /// <param name="lists">Each list's items, best first, with the weight the list carries.</param>
    public static List<(string Key, double Score)> Fuse(IEnumerable<(IReadOnlyList<string> Ranked, double Weight)> lists, int top, int k = DefaultK)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (ranked, weight) in lists)
        {
            for (var rank = 0; rank < ranked.Count; rank++)
            {
                var key = ranked[rank];
                scores[key] = scores.GetValueOrDefault(key) + (weight / (k + rank + 1));
                firstSeen.TryAdd(key, firstSeen.Count);
            }
        }

        // Ties keep the order in which the items were first met, so the result is the same on every run.
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => firstSeen[s.Key]).Take(top).Select(s => (s.Key, s.Value))];
    }
}
