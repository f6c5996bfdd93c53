using DocShelf.Core.Documents;
using DocShelf.Web.Api;

namespace DocShelf.Cli.Output;

/// <summary>The JSON shape of one entry of `documents --json`.</summary>
public sealed record DocumentReport(
    string Id, string Path, IReadOnlyList<string> Paths, string Kind, DocumentStatus Status, string? Reason,
    int Pages, int OcrPages, int Chunks, long Bytes, string Sha256, DateTime Added, string? Dated,
    IReadOnlyList<int> LowConfidencePages, IReadOnlyList<PageReadingReport> OcrReadings, IReadOnlyList<StepTiming> Steps, string? Title, string? Author,
    string? Origin, string? ParentId)
{
    public static DocumentReport From(DocumentSummary document) => new(
        document.Id, document.Path, document.Paths, document.Kind.ToName(), document.Status, document.Reason,
        document.Pages, document.OcrPages, document.Chunks, document.Bytes, document.Sha256, document.AddedUtc, document.Dated,
        document.LowConfidencePages, [.. document.OcrReadings.Select(PageReadingReport.From)], document.Steps, document.Title, document.Author,
        document.Origin, document.ParentId);
}
