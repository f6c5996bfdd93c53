using System.Text.RegularExpressions;
using DocShelf.Core.Search;

namespace DocShelf.Search.Evaluation;

/// <summary>
/// Measures where an embedding model's floor for "related by meaning" results belongs on one shelf. Words taken
/// from articles kept off the shelf, that no chunk holds, must seldom reach it: each reach is a result invented
/// for a word the shelf does not have. Questions on the shelf show what the floor costs: how many gold paragraphs
/// are close enough to the question to be found by meaning alone.
/// </summary>
public sealed partial class RelatedFloorStudy(ShelfSearcher searcher)
{
    /// <summary>How many absent words may reach the recommended floor: one in a hundred.</summary>
    public const double Tolerated = 0.01;

    /// <summary>The words of <paramref name="texts"/> that no chunk on the shelf holds, each once, in order of first use.</summary>
    public List<string> AbsentWords(IEnumerable<string> texts)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var words = texts.SelectMany(t => Word().Matches(t).Select(m => m.Value)).Where(seen.Add).ToList();
        var absent = new HashSet<string>(searcher.AbsentWords(string.Join(' ', words)), StringComparer.OrdinalIgnoreCase);
        return [.. words.Where(absent.Contains)];
    }

    /// <summary>For each query, the best similarity of a chunk holding none of its words; the search floor when none reaches it.</summary>
    public async Task<List<double>> BestMeaningOnlyAsync(IEnumerable<string> queries, CancellationToken cancellationToken)
    {
        var floor = searcher.Semantic?.Floors.Search ?? 0;
        var best = new List<double>();
        foreach (var query in queries)
        {
            var hits = await searcher.SearchAsync(query, ShelfSearcher.HybridDepth(10), null, SearchMode.Semantic, cancellationToken: cancellationToken);
            best.Add(hits.Where(h => h.Match == HitMatch.Meaning).Select(h => h.Score).DefaultIfEmpty(floor).Max());
        }

        return best;
    }

    /// <summary>For each question, its gold document's similarity; the search floor when that document is not among the nearest.</summary>
    public async Task<List<double>> GoldSimilarityAsync(IEnumerable<(string Question, string GoldDocumentId)> questions, CancellationToken cancellationToken)
    {
        var floor = searcher.Semantic?.Floors.Search ?? 0;
        var found = new List<double>();
        foreach (var (question, gold) in questions)
        {
            var hits = await searcher.SearchAsync(question, ShelfSearcher.HybridDepth(10), null, SearchMode.Semantic, cancellationToken: cancellationToken);
            found.Add(hits.Where(h => h.DocumentId == gold).Select(h => h.Score).DefaultIfEmpty(floor).Max());
        }

        return found;
    }

    /// <summary>The lowest floor, in hundredths, that at most <see cref="Tolerated"/> of <paramref name="absent"/> reach.</summary>
    public static double Recommend(IReadOnlyList<double> absent)
    {
        var allowed = (int)Math.Floor(absent.Count * Tolerated);
        var ordered = absent.OrderByDescending(s => s).ToList();
        // Above the (allowed + 1)-th highest, so only the allowed ones reach it.
        var highestExcluded = ordered.Count > allowed ? ordered[allowed] : double.NegativeInfinity;
        return Math.Ceiling((highestExcluded + 1e-9) * 100) / 100;
    }

    /// <summary>The share of <paramref name="scores"/> at or above <paramref name="floor"/>.</summary>
    public static double Reaching(IReadOnlyList<double> scores, double floor) =>
        scores.Count == 0 ? 0 : Math.Round(scores.Count(s => s >= floor) / (double)scores.Count, 3);

    /// <summary>The value below which <paramref name="quantile"/> of <paramref name="scores"/> fall (nearest rank).</summary>
    public static double Quantile(IReadOnlyList<double> scores, double quantile)
    {
        if (scores.Count == 0)
        {
            return double.NaN;
        }

        var ordered = scores.Order().ToList();
        return Math.Round(ordered[Math.Clamp((int)Math.Ceiling(quantile * ordered.Count) - 1, 0, ordered.Count - 1)], 3);
    }

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}]{3,}")]
    private static partial Regex Word();
}
