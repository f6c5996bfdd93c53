using System.CommandLine;
using DocShelf.Cli.Output;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

public static class StatusCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("status", "Show what the shelf holds, the installed OCR languages and the quarantined files") { json };
        command.SetAction((result, _) => CommandGuard.Run(() =>
        {
            using var shelf = Shelf.OpenForReading(CommonOptions.DataDirectory(result));
            var report = StatusReport.From(shelf, TesseractEngine.Version, TesseractLanguages.Installed());
            if (result.GetValue(json))
            {
                JsonOutput.Write(report);
            }
            else
            {
                Print(report);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(StatusReport report)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]Shelf[/]  {report.DataDirectory}");
        AnsiConsole.MarkupLineInterpolated(
            $"  {report.Documents} documents, {report.Pages} pages ({report.OcrPages} by OCR), {report.Chunks} chunks, {report.Quarantined} quarantined");
        AnsiConsole.MarkupLineInterpolated($"[bold]OCR[/]    Tesseract {report.Ocr.Version}; languages installed: {string.Join(", ", report.Ocr.InstalledLanguages)}");
        if (report.Quarantine.Count == 0)
        {
            return;
        }

        AnsiConsole.MarkupLine("[bold]Quarantine[/]");
        foreach (var item in report.Quarantine)
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]{item.DocumentId}[/] {item.Path}: {item.Reason}");
        }
    }
}
