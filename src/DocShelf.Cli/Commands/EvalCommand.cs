using System.CommandLine;
using DocShelf.Answering.Evaluation;
using DocShelf.Cli.Evaluation;
using DocShelf.Cli.Output;
using DocShelf.Cli.Settings;
using DocShelf.Core.Search;
using DocShelf.Models.Library;
using DocShelf.Search;
using DocShelf.Search.Evaluation;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

/// <summary>
/// `docshelf eval --squad FILE`: builds a shelf of its own from a SQuAD file (every paragraph a document), asks
/// every question, and reports how often the paragraph it was written on comes back, per search mode; with
/// --answers, how often the answer holds the gold answer, and how often questions from articles kept off the
/// shelf are answered "not found"; with --related, where the embedding model's floor for "related by meaning"
/// results belongs.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var squad = new Option<FileInfo>("--squad") { Description = "A question set in SQuAD's JSON format", Required = true };
        var mode = new Option<SearchMode?>("--mode") { Description = "lexical, semantic or hybrid (default: every mode the embedding model in use allows)" };
        var questions = new Option<int?>("--questions") { Description = "Ask a fixed random sample of this many questions instead of all" };
        var work = new Option<DirectoryInfo?>("--work") { Description = "Keep the evaluation shelf here, to reuse it in later runs (default: a temporary folder)" };
        var render = new Option<bool>("--render") { Description = "Turn each paragraph into a scanned-looking 300-dpi page first, so the shelf is read by OCR" };
        var answers = new Option<bool>("--answers") { Description = "Score answers (the AnswerBackend setting's) instead of retrieval: gold answer held, length, \"not found\" for questions off the shelf" };
        var fusion = new Option<bool>("--fusion")
        {
            Description = "Compare ways of fusing the lexical and semantic rankings instead: each tuned on half of the articles, scored on the other half and on all",
        };
        var related = new Option<bool>("--related")
        {
            Description = "Measure the embedding model's floor for \"related by meaning\" results instead: how close words and questions from articles kept off the shelf come to it",
        };
        var outside = new Option<int?>("--outside-articles") { Description = "With --answers or --related: keep the file's last N articles off the shelf (default: one in eight)" };
        var json = CommonOptions.Json();
        var command = new Command("eval", "Measure retrieval (recall@1/5/10, MRR@10 per search mode) or answers on a SQuAD-format file")
        {
            squad, mode, questions, work, render, answers, fusion, related, outside, json,
        };
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var file = result.GetRequiredValue(squad);
            if (!file.Exists)
            {
                throw new UsageException($"No such file: {file.FullName}");
            }

            var set = SquadSet.Load(file.FullName);
            var data = CommonOptions.DataDirectory(result);
            var library = new ModelLibrary(data);
            var rendered = result.GetValue(render);
            var quiet = result.GetValue(json);
            var workFolder = result.GetValue(work)?.FullName;
            var temporary = workFolder is null;
            workFolder ??= Path.Combine(Path.GetTempPath(), $"docshelf-eval-{Guid.NewGuid():N}");
            try
            {
                if (result.GetValue(answers))
                {
                    var titles = AnswerEvaluation.OutsideArticles(set, result.GetValue(outside));
                    var settings = SettingsLoader.Load(data);
                    var scores = await AnswerEvaluation.RunAsync(set, titles, settings, library, workFolder, rendered, result.GetValue(questions), quiet, cancellationToken);
                    ReportAnswers(file.Name, set, titles.Count, rendered, scores, quiet);
                }
                else if (result.GetValue(related))
                {
                    var titles = AnswerEvaluation.OutsideArticles(set, result.GetValue(outside));
                    var report = await RelatedEvaluation.RunAsync(set, titles, library, workFolder, result.GetValue(questions), quiet, cancellationToken);
                    ReportRelated(file.Name, titles.Count, report, quiet);
                }
                else if (result.GetValue(fusion))
                {
                    var rows = await RunFusionStudyAsync(set, library, workFolder, rendered, result.GetValue(questions), quiet, cancellationToken);
                    ReportFusion(file.Name, set, rendered, rows, quiet);
                }
                else
                {
                    var scores = await RunRetrievalAsync(set, library, workFolder, rendered, result.GetValue(mode), result.GetValue(questions), quiet, cancellationToken);
                    ReportRetrieval(file.Name, set, rendered, scores, quiet);
                }
            }
            finally
            {
                if (temporary && Directory.Exists(workFolder))
                {
                    Directory.Delete(workFolder, recursive: true);
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<List<RetrievalScores>> RunRetrievalAsync(
        SquadSet set, ModelLibrary library, string workFolder, bool render, SearchMode? mode, int? sample, bool quiet, CancellationToken cancellationToken)
    {
        var paths = EvaluationShelf.MakeDocuments(set, workFolder, render, quiet);
        using var shelf = EvaluationShelf.Open(Path.Combine(workFolder, "data"), library);
        await EvaluationShelf.IngestAsync(shelf, paths, quiet, cancellationToken);
        await EvaluationShelf.EmbedAsync(shelf, cancellationToken);

        var questions = EvaluationShelf.Sample([.. GoldQuestions(set, paths, shelf).Select(g => (g.Question, g.GoldDocumentId))], sample);
        var modes = mode is { } chosen ? [chosen] : shelf.Searcher.Modes;
        var evaluator = new RetrievalEvaluator(shelf.Searcher);
        var scores = new List<RetrievalScores>();
        foreach (var each in modes)
        {
            if (!quiet)
            {
                Console.Error.WriteLine($"Asking {questions.Count} questions, {each.ToString().ToLowerInvariant()} search…");
            }

            scores.Add(await evaluator.RunAsync(questions, each, null, cancellationToken));
        }

        return scores;
    }

    private static async Task<List<FusionStudyRow>> RunFusionStudyAsync(
        SquadSet set, ModelLibrary library, string workFolder, bool render, int? sample, bool quiet, CancellationToken cancellationToken)
    {
        var paths = EvaluationShelf.MakeDocuments(set, workFolder, render, quiet);
        using var shelf = EvaluationShelf.Open(Path.Combine(workFolder, "data"), library);
        await EvaluationShelf.IngestAsync(shelf, paths, quiet, cancellationToken);
        if (await EvaluationShelf.EmbedAsync(shelf, cancellationToken) is null)
        {
            throw new UsageException("Fusion needs an embedding model: choose one with `docshelf models use`.");
        }

        var studied = GoldQuestions(set, paths, shelf).Select(g => new StudyQuestion(g.Question.Question, g.GoldDocumentId, g.Article)).ToList();
        if (!quiet)
        {
            Console.Error.WriteLine($"Ranking {Math.Min(studied.Count, sample ?? int.MaxValue)} questions both ways, then replaying every fusion setting…");
        }

        return await new FusionStudy(shelf.Searcher).RunAsync(EvaluationShelf.Sample(studied, sample), cancellationToken);
    }

    private static void ReportFusion(string name, SquadSet set, bool rendered, List<FusionStudyRow> rows, bool json)
    {
        if (json)
        {
            JsonOutput.Write(new { File = name, Paragraphs = set.Paragraphs.Count, Rendered = rendered, Fusion = rows });
            return;
        }

        AnsiConsole.MarkupLineInterpolated($"[bold]{name}[/]{(rendered ? " rendered as scans" : "")}: recall@1 / @5 / @10, settings tuned on alternate articles");
        var table = new Table().AddColumns("fusion", "settings", "tuning half", "held-out half", "all questions");
        static string Recall(RetrievalScores s) => $"{s.RecallAt1:0.000} / {s.RecallAt5:0.000} / {s.RecallAt10:0.000}";
        foreach (var row in rows)
        {
            table.AddRow(row.Rule, row.Settings, Recall(row.Tuning), Recall(row.HeldOut), Recall(row.All));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{rows[0].Tuning.Questions} tuning questions, {rows[0].HeldOut.Questions} held out.");
    }

    /// <summary>Every question with the id of the document made from its paragraph.</summary>
    private static List<(SquadQuestion Question, string GoldDocumentId, string Article)> GoldQuestions(SquadSet set, List<string> paths, Shelf shelf) =>
        [.. set.Paragraphs
            .SelectMany((paragraph, i) => paragraph.Questions.Select(q => (q, shelf.Store.FindByPath(paths[i])?.Id, paragraph.Title)))
            .Where(each => each.Id is not null)
            .Select(each => (each.q, each.Id!, each.Title))];

    private static void ReportRetrieval(string name, SquadSet set, bool rendered, List<RetrievalScores> scores, bool json)
    {
        if (json)
        {
            JsonOutput.Write(new { File = name, Paragraphs = set.Paragraphs.Count, QuestionsInFile = set.QuestionCount, Rendered = rendered, Results = scores });
            return;
        }

        var table = new Table().AddColumns("mode", "questions", "recall@1", "recall@5", "recall@10", "MRR@10", "ms/query");
        foreach (var s in scores)
        {
            table.AddRow(s.Mode, $"{s.Questions}", $"{s.RecallAt1:0.000}", $"{s.RecallAt5:0.000}", $"{s.RecallAt10:0.000}", $"{s.MrrAt10:0.000}", $"{s.MillisecondsPerQuery:0.0}");
        }

        AnsiConsole.MarkupLineInterpolated($"[bold]{name}[/]: {set.Paragraphs.Count} paragraphs{(rendered ? " rendered as scans and read by OCR" : "")}, {set.QuestionCount} questions");
        AnsiConsole.Write(table);
    }

    private static void ReportRelated(string name, int outsideArticles, RelatedFloorReport report, bool json)
    {
        if (json)
        {
            JsonOutput.Write(new { File = name, OutsideArticles = outsideArticles, Related = report });
            return;
        }

        var current = report.Current is { } floor ? $"{floor:0.00}" : "none";
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{name}[/], {outsideArticles} articles kept off the shelf, {report.Model}: cosine similarity, scores under the search floor ({report.SearchFloor:0.00}) counted at it");
        var table = new Table().AddColumns("queries", "count", "median", "90%", "99%", "max", $"reach {report.Recommended:0.00}", $"reach {current}");
        foreach (var row in report.Rows)
        {
            table.AddRow(row.Queries, $"{row.Count}", $"{row.Median:0.000}", $"{row.P90:0.000}", $"{row.P99:0.000}", $"{row.Max:0.000}", $"{row.ReachingRecommended:0.000}", row.ReachingCurrent is { } share ? $"{share:0.000}" : "-");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"The model's floor for related results: {current}. The lowest floor at most 1 in 100 absent words reach: {report.Recommended:0.00}.");
    }

    private static void ReportAnswers(string name, SquadSet set, int outsideArticles, bool rendered, AnswerScores scores, bool json)
    {
        if (json)
        {
            JsonOutput.Write(new { File = name, Paragraphs = set.Paragraphs.Count, QuestionsInFile = set.QuestionCount, OutsideArticles = outsideArticles, Rendered = rendered, Answers = scores });
            return;
        }

        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{name}[/]: {set.Paragraphs.Count} paragraphs{(rendered ? " rendered as scans and read by OCR" : "")}, {outsideArticles} articles kept off the shelf, {scores.Answerer} answers");
        var table = new Table().AddColumns("questions", "gold answer in answer", "answered", "gold paragraph cited", "words per answer", "ms/question");
        table.AddRow($"{scores.Questions} on the shelf", $"{scores.GoldInAnswer:0.000}", $"{scores.Answered:0.000}", $"{scores.GoldParagraphCited:0.000}", $"{scores.AverageWords:0.0}", $"{scores.MillisecondsPerQuestion:0.0}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{scores.OutsideQuestions} questions from the articles kept off the shelf: {scores.OutsideNotFound:0.000} answered \"not found\".");
    }
}
