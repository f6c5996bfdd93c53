using DocShelf.Answering.Evaluation;
using DocShelf.Cli.Commands;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Settings;
using DocShelf.Models.Library;
using DocShelf.Search;
using DocShelf.Search.Evaluation;

namespace DocShelf.Cli.Evaluation;

/// <summary>
/// `docshelf eval --answers`: some articles are kept off the shelf; questions on the shelf's paragraphs are asked
/// of the answerer the settings choose and their answers scored against the gold answers, and questions on the
/// kept-off articles should be answered "not found".
/// </summary>
public static class AnswerEvaluation
{
    /// <summary>The titles of the articles kept off the shelf: the last <paramref name="count"/>, or one in eight by default.</summary>
    public static HashSet<string> OutsideArticles(SquadSet set, int? count)
    {
        var titles = set.Paragraphs.Select(p => p.Title).Distinct(StringComparer.Ordinal).ToList();
        var kept = count ?? (titles.Count < 2 ? 0 : Math.Max(1, titles.Count / 8));
        if (kept < 0 || kept >= titles.Count)
        {
            throw new UsageException($"--outside-articles must leave at least one of the file's {titles.Count} articles on the shelf.");
        }

        return [.. titles.TakeLast(kept)];
    }

    public static async Task<AnswerScores> RunAsync(
        SquadSet set, HashSet<string> outsideTitles, ShelfSettings settings, ModelLibrary library, string workFolder, bool render, int? sample, bool quiet,
        CancellationToken cancellationToken)
    {
        var paths = EvaluationShelf.MakeDocuments(set, workFolder, render, quiet);
        var onShelf = Enumerable.Range(0, paths.Count).Where(i => !outsideTitles.Contains(set.Paragraphs[i].Title)).ToList();
        // A shelf of its own, apart from the retrieval runs' shelf that holds every paragraph.
        using var shelf = EvaluationShelf.Open(Path.Combine(workFolder, $"data-{(render ? "scans" : "text")}-without-{outsideTitles.Count}-articles"), library, settings);
        await EvaluationShelf.IngestAsync(shelf, [.. onShelf.Select(i => paths[i])], quiet, cancellationToken);
        await EvaluationShelf.EmbedAsync(shelf, cancellationToken);

        var questions = EvaluationShelf.Sample(
            [.. set.Paragraphs.SelectMany((paragraph, i) => paragraph.Questions.Select(q => (Question: q, Paragraph: i)))], sample);
        var asked = questions.Where(q => !outsideTitles.Contains(set.Paragraphs[q.Paragraph].Title))
            .Select(q => (q.Question, Gold: shelf.Store.FindByPath(paths[q.Paragraph])?.Id))
            .Where(q => q.Gold is not null)
            .Select(q => (q.Question, q.Gold!))
            .ToList();
        var outside = questions.Where(q => outsideTitles.Contains(set.Paragraphs[q.Paragraph].Title)).Select(q => q.Question).ToList();
        var answerer = ShelfComposition.Answerer(shelf, settings, library);
        using var model = answerer as IDisposable;
        if (!quiet)
        {
            Console.Error.WriteLine($"Asking {asked.Count} questions on the shelf and {outside.Count} from {outsideTitles.Count} articles kept off it ({settings.ChosenAnswerBackend()} answers)…");
        }

        var progress = quiet ? null : new Progress<int>(n =>
        {
            if (n % 500 == 0)
            {
                Console.Error.WriteLine($"Asked {n} of {asked.Count + outside.Count}");
            }
        });
        return await new AnswerEvaluator(answerer, settings.ChosenAnswerBackend()).RunAsync(asked, outside, progress, cancellationToken);
    }
}
