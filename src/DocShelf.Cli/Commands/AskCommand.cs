using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using DocShelf.Answering.Answers;
using DocShelf.Answering.Extractive;
using DocShelf.Cli.Answering;
using DocShelf.Cli.Output;
using DocShelf.Cli.Semantics;
using DocShelf.Cli.Settings;
using DocShelf.Ingestion.Watching;
using DocShelf.Search;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

/// <summary>
/// `docshelf ask "question"`: an answer from the shelf only, every sentence cited, or "not found on this shelf".
/// While the service runs it holds the shelf, so the question goes to its API.
/// </summary>
public static class AskCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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

            var data = CommonOptions.DataDirectory(result);
            var settings = SettingsLoader.Load(data, new Dictionary<string, string?>());
            var asJson = result.GetValue(json);
            var answer = ServiceStatusFile.ReadLive(data) is { WebUrl: { } url }
                ? await AskServiceAsync(new Uri(url), settings.AccessToken, text.Trim(), cancellationToken)
                : await AskShelfAsync(data, settings, text.Trim(), showDrafts: !asJson, cancellationToken);
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

    private static async Task<Answer> AskShelfAsync(string data, ShelfSettings settings, string question, bool showDrafts, CancellationToken cancellationToken)
    {
        using var shelf = Shelf.OpenForReading(data);
        shelf.Searcher.Fusion = settings.ToHybridFusion();
        using var semantic = SemanticSetup.Attach(shelf);
        using var generator = semantic?.Generator;
        var answerer = AnswererSetup.Create(shelf, settings);
        using var model = answerer as IDisposable;
        // A model's draft goes to the terminal as it is written; the checked answer follows on standard output.
        var live = showDrafts && !Console.IsErrorRedirected;
        await foreach (var update in answerer.StreamAsync(question, cancellationToken))
        {
            if (update.Final is { } answer)
            {
                if (live && answer.Answerer != ExtractiveAnswerer.Name)
                {
                    await Console.Error.WriteLineAsync();
                }

                return answer;
            }

            if (live)
            {
                await Console.Error.WriteAsync(update.Draft);
            }
        }

        throw new InvalidOperationException("The answerer ended without an answer.");
    }

    private static async Task<Answer> AskServiceAsync(Uri service, string? accessToken, string question, CancellationToken cancellationToken)
    {
        // A generative answer may take minutes on a CPU; the service applies its own time limits to the model.
        using var http = Searching.ServiceClient.Create(service, accessToken, TimeSpan.FromMinutes(5));

        using var response = await http.GetAsync($"/api/ask?q={Uri.EscapeDataString(question)}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new Searching.ServiceRefusedException($"the DocShelf service at {service} refused the question: {response.ReasonPhrase}");
        }

        return await response.Content.ReadFromJsonAsync<Answer>(Json, cancellationToken)
            ?? throw new Searching.ServiceRefusedException($"the DocShelf service at {service} sent an empty answer");
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
