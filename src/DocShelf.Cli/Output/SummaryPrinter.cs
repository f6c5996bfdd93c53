using DocShelf.Ingestion.Running;
using Spectre.Console;

namespace DocShelf.Cli.Output;

/// <summary>The closing account of an ingest run, for people.</summary>
public static class SummaryPrinter
{
    public static void Print(IngestionSummary summary)
    {
        AnsiConsole.WriteLine();
        var quarantineStyle = summary.Quarantined > 0 ? "yellow" : "default";
        AnsiConsole.MarkupLine(
            $"[bold]{summary.Files.Count}[/] files: [green]{summary.Indexed} indexed[/], {summary.AlreadyOnShelf} already on the shelf, " +
            $"[{quarantineStyle}]{summary.Quarantined} quarantined[/]");
        AnsiConsole.MarkupLineInterpolated(
            $"{summary.Pages} pages ({summary.OcrPages} by OCR), {summary.Chunks} chunks, in {summary.Elapsed.TotalSeconds:0.0} s");
        foreach (var file in summary.Files.Where(f => f.Status == FileStatus.Quarantined))
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]quarantined[/] {file.Path}: {file.Reason}");
        }
    }
}
