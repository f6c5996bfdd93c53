using System.CommandLine;
using DocShelf.Cli.Access;
using DocShelf.Cli.Output;
using DocShelf.Core.Search;
using DocShelf.Search.Semantic;

namespace DocShelf.Cli.Commands;

public static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string?>("query") { Description = "What to look for: words, \"a phrase\", or Lucene syntax", Arity = ArgumentArity.ZeroOrOne };
        var top = new Option<int>("--top") { Description = "Number of results", DefaultValueFactory = _ => 10 };
        var queries = new Option<FileInfo?>("--queries") { Description = "Run every line of FILE as a query (batch mode; use with --json)" };
        var mode = new Option<SearchMode?>("--mode") { Description = "lexical, semantic or hybrid (default: hybrid when an embedding model is in use, else lexical)" };
        var json = CommonOptions.Json();
        var command = new Command("search", "Search the shelf; every result cites document, page and chunk") { query, top, queries, mode, json };
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var count = result.GetValue(top);
            if (count < 1)
            {
                throw new UsageException("--top must be at least 1.");
            }

            var text = result.GetValue(query);
            var file = result.GetValue(queries);
            if (file is null && string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("Give a query, for example: docshelf search \"harbour survey\" (or --queries FILE).");
            }

            // Every mode but words alone needs the model (hybrid is the default when one is in use).
            var opening = result.GetValue(mode) == SearchMode.Lexical ? ModelOpening.WhenFirstUsed : ModelOpening.AtOnce;
            using var searcher = ShelfAccess.Open(CommonOptions.DataDirectory(result), opening);
            if (file is not null)
            {
                await RunBatchAsync(searcher, file, count, result.GetValue(mode), cancellationToken);
                return ExitCodes.Ok;
            }

            var found = await searcher.SearchAsync(text!, count, result.GetValue(mode), cancellationToken);
            if (result.GetValue(json))
            {
                JsonOutput.Write(SearchReport.Of(text!, found));
            }
            else
            {
                HitPrinter.Print(text!, found);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One JSON object per input line, in order, so a caller can pair answers with questions by line.</summary>
    private static async Task RunBatchAsync(IShelfAccess searcher, FileInfo file, int top, SearchMode? mode, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new UsageException($"No such queries file: {file.FullName}");
        }

        await foreach (var line in File.ReadLinesAsync(file.FullName, cancellationToken))
        {
            var text = line.Trim();
            JsonOutput.WriteLine(SearchReport.Of(text, await searcher.SearchAsync(text, top, mode, cancellationToken)));
        }
    }
}
