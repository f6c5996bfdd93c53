using System.CommandLine;
using DocShelf.Answering.Extractive;
using DocShelf.Cli.Output;
using DocShelf.Cli.Semantics;
using DocShelf.Search;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

/// <summary>`docshelf ask "question"`: an answer from the shelf only, every sentence cited, or "not found on this shelf".</summary>
public static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "What you want to know, in plain words" };
        var json = CommonOptions.Json();
        var command = new Command("ask", "Answer a question from the shelf, citing document and page for every sentence") { question, json };
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var text = result.GetRequiredValue(question);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("Ask a question, for example: docshelf ask \"When was the breakwater lamp carried away?\"");
            }

            using var shelf = Shelf.OpenForReading(CommonOptions.DataDirectory(result));
            using var semantic = SemanticSetup.Attach(shelf);
            using var generator = semantic?.Generator;
            var answer = await new ExtractiveAnswerer(shelf.Searcher, shelf.Store).AnswerAsync(text, cancellationToken);
            if (result.GetValue(json))
            {
                JsonOutput.Write(answer);
                return ExitCodes.Ok;
            }

            AnsiConsole.WriteLine(answer.Text);
            foreach (var citation in answer.Citations)
            {
                AnsiConsole.MarkupLineInterpolated($"  [bold][[{citation.Number}]][/] {citation.Path}  page {citation.Page}  [grey]{citation.ChunkId}[/]");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
