using DocShelf.Ingestion.Watching;
using DocShelf.Search.Footprint;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Output;

/// <summary>The JSON shape of `status --json`.</summary>
public sealed record StatusReport(
    string DataDirectory,
    int Documents,
    int Quarantined,
    int Pages,
    int OcrPages,
    int Chunks,
    FileCounts Files,
    ServiceStatus? Service,
    OcrReport Ocr,
    SearchReportModes Search,
    AnswerReport Answers,
    IReadOnlyList<QuarantineItem> Quarantine,
    IReadOnlyList<LowConfidencePage> LowConfidence,
    ShelfFootprint? Footprint)
{
    public static StatusReport From(
        string dataDirectory, ShelfOverview overview, ServiceStatus? service, OcrReport ocr, SearchReportModes search, AnswerReport answers, ShelfFootprint? footprint)
    {
        var counts = overview.Counts;
        return new StatusReport(
            dataDirectory, counts.IndexedDocuments, counts.QuarantinedDocuments, counts.Pages, counts.OcrPages, counts.Chunks,
            overview.Files, service is null ? null : service with { Shelf = null, Embedding = null }, ocr, search, answers, overview.Quarantine, overview.LowConfidence, footprint);
    }
}
