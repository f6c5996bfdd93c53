using System.CommandLine;
using DocShelf.Cli.Access;
using DocShelf.Cli.Output;
using DocShelf.Core.Documents;
using DocShelf.Web.Api;

namespace DocShelf.Cli.Commands;

public static class TextCommand
{
    public static Command Create()
    {
        var document = new Argument<string>("document") { Description = "Document id (or its first digits), or a path it was read from" };
        var page = new Option<int?>("--page") { Description = "Only this page (1-based)" };
        var json = CommonOptions.Json();
        var command = new Command("text", "Print the text DocShelf extracted from a document or one of its pages") { document, page, json };
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            using var shelf = ShelfAccess.Open(CommonOptions.DataDirectory(result));
            var record = DocumentResolver.Resolve(await shelf.DocumentsAsync(cancellationToken), result.GetRequiredValue(document));
            if (record.Status == DocumentStatus.Quarantined)
            {
                throw new UsageException($"{record.Id} is quarantined and has no text: {record.Reason}");
            }

            var pages = SelectPages(await shelf.PagesAsync(record, cancellationToken), record, result.GetValue(page));
            if (result.GetValue(json))
            {
                JsonOutput.Write(new TextReport(record.Id, record.Path, record.Title, record.Origin, pages.Select(PageTextReport.From).ToList()));
            }
            else
            {
                if (record.Origin is { } origin)
                {
                    Console.Out.WriteLine($"--- {origin} ---");
                }

                Print(pages);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static IReadOnlyList<PageView> SelectPages(IReadOnlyList<PageView> pages, DocumentSummary record, int? page)
    {
        if (page is not { } number)
        {
            return pages;
        }

        return pages.FirstOrDefault(p => p.Number == number) is { } found
            ? [found]
            : throw new UsageException($"{record.Id} has pages 1 to {record.Pages}; there is no page {number}.");
    }

    private static void Print(IReadOnlyList<PageView> pages)
    {
        foreach (var page in pages)
        {
            if (pages.Count > 1)
            {
                var label = page.Label is null ? "" : $": {page.Label}";
                Console.Out.WriteLine($"--- page {page.Number}{label} ({Describe(page)}) ---");
            }

            Console.Out.WriteLine(page.Text);
        }
    }

    private static string Describe(PageView page) => page.Source switch
    {
        PageSource.Ocr when page.Reading is { } reading => OcrDescription.Of(reading),
        PageSource.TextLayer => "PDF text layer",
        _ => "the file's own text",
    };
}
