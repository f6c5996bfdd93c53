using DocShelf.Cli.Commands;
using DocShelf.Models.Library;
using DocShelf.Search.Evaluation;

namespace DocShelf.Cli.Evaluation;

/// <summary>
/// `docshelf eval --related`: some articles are kept off the shelf, as for --answers; the words of those articles
/// that the shelf does not hold, and their questions, are searched by meaning, to measure where the embedding
/// model's floor for "related by meaning" results belongs (<see cref="RelatedFloorStudy"/>).
/// </summary>
public static class RelatedEvaluation
{
    /// <summary>Absent words and questions asked of each kind: enough for the 99th percentile to rest on several.</summary>
    private const int PerKind = 1000;

    public static async Task<RelatedFloorReport> RunAsync(
        SquadSet set, HashSet<string> outsideTitles, ModelLibrary library, string workFolder, int? sample, bool quiet, CancellationToken cancellationToken)
    {
        var paths = EvaluationShelf.MakeDocuments(set, workFolder, render: false, quiet);
        var onShelf = Enumerable.Range(0, paths.Count).Where(i => !outsideTitles.Contains(set.Paragraphs[i].Title)).ToList();
        // The same shelf as --answers keeps for this many articles off it.
        using var shelf = EvaluationShelf.Open(Path.Combine(workFolder, $"data-text-without-{outsideTitles.Count}-articles"), library);
        await EvaluationShelf.IngestAsync(shelf, [.. onShelf.Select(i => paths[i])], quiet, cancellationToken);
        var semantic = await EvaluationShelf.EmbedAsync(shelf, cancellationToken)
            ?? throw new UsageException("The floor for related results belongs to an embedding model: choose one with `docshelf models use`.");

        var study = new RelatedFloorStudy(shelf.Searcher);
        var outside = set.Paragraphs.Where(p => outsideTitles.Contains(p.Title)).ToList();
        var words = EvaluationShelf.Sample(study.AbsentWords(outside.Select(p => p.Context)), sample ?? PerKind);
        var offShelf = EvaluationShelf.Sample([.. outside.SelectMany(p => p.Questions.Select(q => q.Question))], sample ?? PerKind);
        var onShelfQuestions = EvaluationShelf.Sample(
            [.. onShelf.SelectMany(i => set.Paragraphs[i].Questions.Select(q => (q.Question, Gold: shelf.Store.FindByPath(paths[i])?.Id)))
                .Where(q => q.Gold is not null).Select(q => (q.Question, q.Gold!))],
            sample ?? PerKind);
        if (!quiet)
        {
            Console.Error.WriteLine($"Searching {words.Count} absent words, {offShelf.Count} questions off the shelf and {onShelfQuestions.Count} on it by meaning…");
        }

        var absent = await study.BestMeaningOnlyAsync(words, cancellationToken);
        var recommended = RelatedFloorStudy.Recommend(absent);
        var current = semantic.Floors.Related;
        RelatedFloorRow Row(string name, List<double> scores) => new(
            name, scores.Count, RelatedFloorStudy.Quantile(scores, 0.5), RelatedFloorStudy.Quantile(scores, 0.9), RelatedFloorStudy.Quantile(scores, 0.99),
            RelatedFloorStudy.Quantile(scores, 1), RelatedFloorStudy.Reaching(scores, recommended), current is { } floor ? RelatedFloorStudy.Reaching(scores, floor) : null);
        return new RelatedFloorReport(semantic.Model, current, recommended, semantic.Floors.Search,
        [
            Row("absent words: best meaning-only chunk", absent),
            Row("questions off the shelf: best meaning-only chunk", await study.BestMeaningOnlyAsync(offShelf, cancellationToken)),
            Row("questions on the shelf: their gold paragraph", await study.GoldSimilarityAsync(onShelfQuestions, cancellationToken)),
        ]);
    }
}
