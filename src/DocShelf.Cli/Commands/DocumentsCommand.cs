using System.CommandLine;
using DocShelf.Cli.Access;
using DocShelf.Cli.Output;
using DocShelf.Core.Documents;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

public static class DocumentsCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("documents", "List the documents on the shelf, quarantined ones with their reason") { json };
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            using var shelf = ShelfAccess.Open(CommonOptions.DataDirectory(result));
            var documents = (await shelf.DocumentsAsync(cancellationToken)).Select(DocumentReport.From).ToList();
            if (result.GetValue(json))
            {
                JsonOutput.Write(documents);
            }
            else
            {
                Print(documents);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Where the document is, and what it calls itself and where it came from when it says.</summary>
    private static string Described(DocumentReport document)
    {
        var lines = document.Paths.Select(Markup.Escape).ToList();
        lines.AddRange(new[] { document.Title, document.Origin }.OfType<string>().Select(line => $"[grey]{Markup.Escape(line)}[/]"));
        return string.Join("\n", lines);
    }

    private static void Print(List<DocumentReport> documents)
    {
        if (documents.Count == 0)
        {
            AnsiConsole.WriteLine("The shelf is empty. Add files with: docshelf ingest PATH");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("id", "type", "status", "pages", "OCR", "low confidence", "chunks", "path");
        foreach (var document in documents)
        {
            var status = document.Status == DocumentStatus.Quarantined
                ? $"[yellow]quarantined[/]: {Markup.Escape(document.Reason ?? "")}"
                : "indexed";
            table.AddRow(
                Markup.Escape(document.Id),
                document.Kind,
                status,
                document.Pages.ToString(),
                document.OcrPages.ToString(),
                LowConfidence(document),
                document.Chunks.ToString(),
                Described(document));
        }

        AnsiConsole.Write(table);
        if (documents.Any(d => d.LowConfidencePages.Count > 0))
        {
            AnsiConsole.MarkupLine($"Pages under {PageContent.LowConfidenceThreshold:0}% confidence were read poorly: rescan them, or check their text with: docshelf text ID --page N");
        }
    }

    private static string LowConfidence(DocumentReport document) =>
        document.LowConfidencePages.Count == 0 ? "" : $"[yellow]{Plural.Of(document.LowConfidencePages.Count, "page")}: {string.Join(", ", document.LowConfidencePages)}[/]";
}
