using DocShelf.Ingestion.Running;

namespace DocShelf.Cli.Output;

/// <summary>The JSON shape of `ingest --json`.</summary>
public sealed record IngestionReport(
    int Files, int Indexed, int AlreadyOnShelf, int Quarantined, int Pages, int OcrPages, int Chunks, double Seconds, IReadOnlyList<FileOutcomeReport> Outcomes)
{
    public static IngestionReport From(IngestionSummary summary) => new(
        summary.Files.Count,
        summary.Indexed,
        summary.AlreadyOnShelf,
        summary.Quarantined,
        summary.Pages,
        summary.OcrPages,
        summary.Chunks,
        Math.Round(summary.Elapsed.TotalSeconds, 3),
        summary.Files.Select(FileOutcomeReport.From).ToList());
}
