using DocShelf.Ingestion.Running;
using Spectre.Console;

namespace DocShelf.Cli.Progress;

/// <summary>A live progress bar over files, naming the file and OCR page being worked on.</summary>
public sealed class ProgressBarObserver(ProgressTask task) : IIngestionObserver
{
    private const int NameWidth = 28;

    /// <summary>Only on an interactive terminal; redirected output gets plain lines.</summary>
    public static bool IsSupported => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static Task<IngestionSummary> RunAsync(IngestionRunner runner, IReadOnlyList<string> files, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Ingesting", maxValue: Math.Max(1, files.Count));
                var summary = await runner.RunAsync(files, new ProgressBarObserver(task), cancellationToken);
                task.Description = $"Ingested {files.Count} files";
                task.Value = task.MaxValue;
                return summary;
            });

    public void FileStarted(string path) => task.Description = Describe(path, "reading");

    public void PageRecognised(string path, int page, int pagesToRecognise) =>
        task.Description = Describe(path, $"OCR {page}/{pagesToRecognise}");

    public void FileFinished(FileOutcome outcome)
    {
        task.Increment(1);
        if (outcome.Status == FileStatus.Quarantined)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]quarantined[/] {outcome.Path}: {outcome.Reason}");
        }
    }

    private static string Describe(string path, string activity) => Markup.Escape($"{Shorten(Path.GetFileName(path))}: {activity}");

    private static string Shorten(string name) => name.Length <= NameWidth ? name : string.Concat(name.AsSpan(0, NameWidth - 1), "…");
}
