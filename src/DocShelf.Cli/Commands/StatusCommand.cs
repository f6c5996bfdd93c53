using System.CommandLine;
using DocShelf.Cli.Access;
using DocShelf.Cli.Output;
using DocShelf.Cli.Settings;
using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Ingestion.Watching;
using DocShelf.Models.Library;
using DocShelf.Ocr.Tesseract;
using DocShelf.Search;
using DocShelf.Search.Footprint;
using DocShelf.Search.Store;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

public static class StatusCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("status", "Show what the shelf holds, the installed OCR languages and the quarantined files") { json };
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var data = CommonOptions.DataDirectory(result);
            var settings = SettingsLoader.Load(data);
            var (overview, service, search, footprint) = await AskHolderAsync(data, settings.AccessToken, cancellationToken) ?? ReadShelf(data);
            var installed = TesseractLanguages.Find();
            var ocr = new OcrReport("tesseract", TesseractEngine.Version, installed.Languages, installed.HasOrientationData);
            var answers = AnswerReport.From(settings, new ModelLibrary(data));
            var report = StatusReport.From(data, overview, service, ocr, search, answers, footprint);
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

    /// <summary>While a process holds the shelf (`serve`, or an `ingest` under way), it is asked through its socket.</summary>
    private static async Task<(ShelfOverview, ServiceStatus?, SearchReportModes, ShelfFootprint?)?> AskHolderAsync(string data, string? accessToken, CancellationToken cancellationToken)
    {
        if (ShelfSocket.Connect(data, accessToken, TimeSpan.FromSeconds(30)) is not { } client)
        {
            return null;
        }

        using var holder = new ServiceShelfAccess(client);
        var view = await holder.StatusAsync(cancellationToken, footprint: true);
        return (view.Shelf, view.Service, new SearchReportModes(view.SearchModes, view.EmbeddingModel, view.Vectors, view.VectorsToMake), view.Footprint);
    }

    /// <summary>With no process holding it, the shelf is read directly.</summary>
    private static (ShelfOverview, ServiceStatus?, SearchReportModes, ShelfFootprint?) ReadShelf(string data)
    {
        using var shelf = Shelf.OpenForReading(data, TimeSpan.FromSeconds(2));
        var model = new ModelLibrary(data).ActiveEmbedding();
        var collection = model is null ? null : shelf.VectorCollections().FirstOrDefault(c => c.Id == model);
        using var vectorCollection = collection is null ? null : shelf.Vectors(model!, collection.Dimensions, collection.Encoding);
        var vectors = vectorCollection?.Count ?? 0; // read from the collection's record; no vector is loaded
        var search = new SearchReportModes(
            model is null ? [SearchMode.Lexical] : [SearchMode.Lexical, SearchMode.Semantic, SearchMode.Hybrid],
            model,
            vectors,
            model is null ? null : (int)Math.Max(0, shelf.Store.Count().Chunks - vectors));
        return (shelf.Overview(), null, search, ShelfFootprint.Measure(shelf));
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
        if (service.Workers is { } workers)
        {
            PrintWorkers(workers);
            return;
        }

        foreach (var file in service.InProgress)
        {
            var page = file.Pages > 0 ? $" (OCR page {file.Page} of {file.Pages})" : "";
            AnsiConsole.MarkupLineInterpolated($"  reading {file.Path}{page}");
        }
    }

    private static void PrintWorkers(WorkersStatus workers)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]Workers[/] through {workers.Broker}: {workers.Waiting} files waiting, {workers.AtWorkers} at workers, {workers.Published} published and {workers.Failed} failed since start");
        if (workers.Workers.Count == 0)
        {
            AnsiConsole.MarkupLine("  no worker heard from yet (docshelf worker --queue ADDRESS on each reading machine)");
        }

        foreach (var worker in workers.Workers)
        {
            var state = worker.Refused is { } refused ? $"refused: {refused}"
                : !worker.Answering ? $"not answering since {worker.LastContactUtc:yyyy-MM-dd HH:mm:ss} UTC"
                : worker.Reading is { } file ? $"reading {file}"
                : "idle";
            AnsiConsole.MarkupLineInterpolated($"  {worker.Name}: {state}; {Plural.Of(worker.FilesRead, "file")}, {Plural.Of(worker.PagesRead, "page")}, {worker.PagesPerMinute:0.#} pages/min");
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
        AnsiConsole.MarkupLineInterpolated($"[bold]OCR[/]    Tesseract {report.Ocr.Version}; languages installed: {string.Join(", ", report.Ocr.InstalledLanguages)}; {(report.Ocr.OrientationDetection ? "sideways and upside-down pages are turned upright" : "orientation data missing (apt-get install tesseract-ocr-osd)")}");
        if (report.Search.EmbeddingModel is { } model)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[bold]Search[/] lexical, semantic and hybrid with {model}: {report.Search.Vectors} vectors, {report.Search.VectorsToMake} chunks still to embed");
        }
        else
        {
            AnsiConsole.MarkupLine("[bold]Search[/] lexical only: no embedding model in use (docshelf models list shows the built-in and imported ones; docshelf models use NAME chooses one)");
        }

        AnsiConsole.MarkupLineInterpolated($"[bold]Answers[/] {report.Answers.Describe()}");
        PrintFootprint(report.Footprint);
        PrintQuarantine(report.Quarantine);
        PrintLowConfidence(report.LowConfidence);
    }

    private static void PrintFootprint(ShelfFootprint? footprint)
    {
        if (footprint is null)
        {
            return;
        }

        AnsiConsole.MarkupLineInterpolated(
            $"[bold]Disk[/]   {Bytes.Of(footprint.Total)} in the data folder: store {Bytes.Of(footprint.Store)}, lexical index {Bytes.Of(footprint.Lexical)}, vectors {Bytes.Of(footprint.Vectors)}, page sources {Bytes.Of(footprint.PageSources)}, page images {Bytes.Of(footprint.PageImages)}, other {Bytes.Of(footprint.Other)}");
        foreach (var kind in footprint.Kinds.Where(k => k.Pages > 0))
        {
            var times = kind.OriginalBytes > 0 ? $", {kind.TimesOriginals:0.0}x their originals" : "";
            AnsiConsole.MarkupLineInterpolated($"  {kind.Kind}: {kind.Pages:N0} pages in {kind.Documents:N0} documents, {Bytes.Of(kind.BytesPerPage)} a page{times}");
        }

        var room = footprint.RoomForPages is { } pages ? $"room for about {pages:N0} more pages like these" : "no pages yet to judge the room left by";
        AnsiConsole.MarkupLineInterpolated($"  {Bytes.Of(footprint.FreeBytes)} free on its disk: {room}");
    }

    private static void PrintQuarantine(IReadOnlyList<QuarantineItem> quarantine)
    {
        if (quarantine.Count == 0)
        {
            return;
        }

        AnsiConsole.MarkupLine("[bold]Quarantine[/]");
        foreach (var item in quarantine)
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]{item.DocumentId}[/] {item.Path}: {item.Reason}");
            if (item.Detail is { } detail)
            {
                // The tool's own words, indented under the reason, for whoever reports the file further.
                AnsiConsole.MarkupLineInterpolated($"    [grey]{detail.ReplaceLineEndings(" / ")}[/]");
            }
        }
    }

    private static void PrintLowConfidence(IReadOnlyList<LowConfidencePage> pages)
    {
        if (pages.Count == 0)
        {
            return;
        }

        AnsiConsole.MarkupLineInterpolated($"[bold]Low confidence[/] {Plural.Of(pages.Count, "page")} read under {PageContent.LowConfidenceThreshold:0}% confidence; rescan them:");
        foreach (var page in pages)
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]{page.DocumentId}[/] {page.Path} page {page.Page}: {page.Confidence:0}%");
        }
    }
}
