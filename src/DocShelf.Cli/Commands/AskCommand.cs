using System.CommandLine;
using DocShelf.Answering.Answers;
using DocShelf.Cli.Access;
using DocShelf.Cli.Output;
using DocShelf.Search.Semantic;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

/// <summary>
/// `docshelf ask "question"`: an answer from the shelf only, every sentence cited, or "not found on this shelf".
/// While another process holds the shelf, the question goes to it.
/// </summary>
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

            var asJson = result.GetValue(json);
            using var shelf = ShelfAccess.Open(CommonOptions.DataDirectory(result), ModelOpening.AtOnce);
            var answer = await AskAsync(shelf, text.Trim(), showDrafts: !asJson, cancellationToken);
            if (asJson)
            {
                JsonOutput.Write(answer);
            }
            else
            {
                Print(answer);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<Answer> AskAsync(IShelfAccess shelf, string question, bool showDrafts, CancellationToken cancellationToken)
    {
        // A model's draft goes to the terminal as it is written; the checked answer follows on standard output.
        var live = showDrafts && !Console.IsErrorRedirected;
        var drafted = false;
        var answer = await shelf.AskAsync(question, live ? draft => { drafted = true; Console.Error.Write(draft); } : null, cancellationToken);
        if (drafted)
        {
            await Console.Error.WriteLineAsync();
        }

        return answer;
    }

    private static void Print(Answer answer)
    {
        AnsiConsole.WriteLine(answer.Text);
        foreach (var citation in answer.Citations)
        {
            AnsiConsole.MarkupLineInterpolated($"  [bold][[{citation.Number}]][/] {citation.Path}  page {citation.Page}  [grey]{citation.ChunkId}[/]");
        }

        if (answer.Notice is { } notice)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Note:[/] {notice}");
        }
    }
}
