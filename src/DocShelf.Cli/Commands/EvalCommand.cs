using System.CommandLine;
using DocShelf.Cli.Output;
using DocShelf.Cli.Semantics;
using DocShelf.Core.Search;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Models.Library;
using DocShelf.Ocr.Tesseract;
using DocShelf.Rendering;
using DocShelf.Search;
using DocShelf.Search.Evaluation;
using DocShelf.Search.Semantic;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

/// <summary>
/// `docshelf eval --squad FILE`: builds a shelf of its own from a SQuAD file (every paragraph a document), asks
/// every question, and reports how often the paragraph it was written on comes back, per search mode.
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
        var json = CommonOptions.Json();
        var command = new Command("eval", "Measure retrieval on a SQuAD-format file: recall@1/5/10 and MRR@10 per search mode") { squad, mode, questions, work, render, json };
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var file = result.GetRequiredValue(squad);
            if (!file.Exists)
            {
                throw new UsageException($"No such file: {file.FullName}");
            }

            var set = SquadSet.Load(file.FullName);
            var library = new ModelLibrary(CommonOptions.DataDirectory(result));
            var workFolder = result.GetValue(work)?.FullName;
            var temporary = workFolder is null;
            workFolder ??= Path.Combine(Path.GetTempPath(), $"docshelf-eval-{Guid.NewGuid():N}");
            try
            {
                var rendered = result.GetValue(render);
                var scores = await RunAsync(set, library, workFolder, rendered, result.GetValue(mode), result.GetValue(questions), result.GetValue(json), cancellationToken);
                Report(file.Name, set, rendered, scores, result.GetValue(json));
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

    private static async Task<List<RetrievalScores>> RunAsync(
        SquadSet set, ModelLibrary library, string workFolder, bool render, SearchMode? mode, int? sample, bool quiet, CancellationToken cancellationToken)
    {
        var paths = render
            ? RenderDocuments(set, Path.Combine(workFolder, "scans"), quiet)
            : WriteDocuments(set, Path.Combine(workFolder, "documents"));
        using var shelf = Shelf.OpenForWriting(Path.Combine(workFolder, "data"));
        await IngestAsync(shelf, paths, quiet, cancellationToken);
        using var semantic = SemanticSetup.Attach(shelf, library);
        using var generator = semantic?.Generator;
        if (semantic is not null)
        {
            await new ChunkEmbedder(shelf.Store, semantic).CatchUpAsync(null, cancellationToken);
        }

        var questions = Questions(set, paths, shelf, sample);
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

    private static List<string> WriteDocuments(SquadSet set, string folder)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>(set.Paragraphs.Count);
        for (var i = 0; i < set.Paragraphs.Count; i++)
        {
            var path = Path.Combine(folder, $"paragraph-{i + 1:00000}.txt");
            if (!File.Exists(path))
            {
                File.WriteAllText(path, set.Paragraphs[i].DocumentText);
            }

            paths.Add(path);
        }

        return paths;
    }

    /// <summary>Each paragraph as a page image, as an office scanner would give it: skewed a little, with specks.</summary>
    private static List<string> RenderDocuments(SquadSet set, string folder, bool quiet)
    {
        Directory.CreateDirectory(folder);
        var paths = set.Paragraphs.Select((_, i) => Path.Combine(folder, $"paragraph-{i + 1:00000}.png")).ToList();
        var done = 0;
        Parallel.For(0, paths.Count, i =>
        {
            if (!File.Exists(paths[i]))
            {
                using var page = PageRasteriser.RenderFitted(set.Paragraphs[i].DocumentText, ScanStyle.Office(i));
                ImageWriter.WritePng(paths[i] + ".tmp", page);
                File.Move(paths[i] + ".tmp", paths[i]);
            }

            if (Interlocked.Increment(ref done) % 100 == 0 && !quiet)
            {
                Console.Error.WriteLine($"Rendered {done} of {paths.Count} pages");
            }
        });
        return paths;
    }

    private static async Task IngestAsync(Shelf shelf, List<string> paths, bool quiet, CancellationToken cancellationToken)
    {
        var options = new IngestionOptions();
        using var ocr = new TesseractEnginePool(options.OcrLanguages);
        using var pipeline = new IngestionPipeline(shelf.Writer!, ocr, options);
        var runner = new IngestionRunner(shelf, pipeline, options, Path.Combine(shelf.DataDirectory, "tmp"));
        if (!quiet)
        {
            Console.Error.WriteLine($"Reading {paths.Count} paragraphs into the evaluation shelf…");
        }

        await runner.RunAsync(paths, SilentObserver.Instance, cancellationToken);
    }

    /// <summary>Every question with its gold document, or a sample drawn the same way on every run.</summary>
    private static List<(SquadQuestion, string)> Questions(SquadSet set, List<string> paths, Shelf shelf, int? sample)
    {
        var all = set.Paragraphs
            .SelectMany((paragraph, i) => paragraph.Questions.Select(q => (q, shelf.Store.FindByPath(paths[i])?.Id)))
            .Where(pair => pair.Id is not null)
            .Select(pair => (pair.q, pair.Id!))
            .ToList();
        if (sample is not { } count || count >= all.Count)
        {
            return all;
        }

        var shuffled = all.ToArray();
        new Random(20261124).Shuffle(shuffled);
        return [.. shuffled.Take(count)];
    }

    private static void Report(string name, SquadSet set, bool rendered, List<RetrievalScores> scores, bool json)
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
}
