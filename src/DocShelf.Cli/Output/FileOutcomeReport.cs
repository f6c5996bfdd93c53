using DocShelf.Ingestion.Running;

namespace DocShelf.Cli.Output;

public sealed record FileOutcomeReport(string Path, string Status, string DocumentId, string? Reason, int Pages, int OcrPages, int Chunks, double Seconds)
{
    public static FileOutcomeReport From(FileOutcome outcome) => new(
        outcome.Path,
        outcome.Status switch
        {
            FileStatus.Indexed => "indexed",
            FileStatus.AlreadyOnShelf => "alreadyOnShelf",
            _ => "quarantined",
        },
        outcome.DocumentId,
        outcome.Reason,
        outcome.Pages,
        outcome.OcrPages,
        outcome.Chunks,
        Math.Round(outcome.Elapsed.TotalSeconds, 3));
}
