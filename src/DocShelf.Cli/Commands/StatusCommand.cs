using System.CommandLine;
using DocShelf.Cli.Output;
using DocShelf.Ingestion.Watching;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;
using DocShelf.Search.Store;
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
            var data = CommonOptions.DataDirectory(result);
            var service = ServiceStatusFile.ReadLive(data);
            var overview = service?.Shelf ?? ReadOverview(data);
            var ocr = new OcrReport("tesseract", TesseractEngine.Version, TesseractLanguages.Installed());
            var report = StatusReport.From(data, overview, service, ocr);
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

    /// <summary>Without a running service the shelf is read directly.</summary>
    private static ShelfOverview ReadOverview(string data)
    {
        using var shelf = Shelf.OpenForReading(data, TimeSpan.FromSeconds(2));
        return shelf.Overview();
    }

    private static void PrintService(ServiceStatus? service)
    {
        if (service is null)
        {
            AnsiConsole.MarkupLine("[bold]Service[/] not running");
            return;
        }

        var eta = service.EtaSeconds is { } seconds ? $", about {TimeSpan.FromSeconds(seconds):hh\\:mm\\:ss} left" : "";
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]Service[/] process {service.ProcessId} watching {string.Join(", ", service.Inboxes)}: {service.QueueDepth} queued, {service.Settling} settling, {service.PagesPerMinute:0.#} pages/min{eta}");
        foreach (var file in service.InProgress)
        {
            var page = file.Pages > 0 ? $" (OCR page {file.Page} of {file.Pages})" : "";
            AnsiConsole.MarkupLineInterpolated($"  reading {file.Path}{page}");
        }
    }

    private static void Print(StatusReport report)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]Shelf[/]  {report.DataDirectory}");
        AnsiConsole.MarkupLineInterpolated(
            $"  {report.Documents} documents, {report.Pages} pages ({report.OcrPages} by OCR), {report.Chunks} chunks, {report.Quarantined} quarantined");
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]Files[/]  {report.Files.Queued} queued, {report.Files.Processing} processing, {report.Files.Indexed} indexed, {report.Files.Quarantined} quarantined");
        PrintService(report.Service);
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
