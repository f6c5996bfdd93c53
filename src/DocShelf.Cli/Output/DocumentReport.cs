using DocShelf.Core.Documents;

namespace DocShelf.Cli.Output;

/// <summary>The JSON shape of one entry of `documents --json`.</summary>
public sealed record DocumentReport(
    string Id, string Path, IReadOnlyList<string> Paths, string Kind, DocumentStatus Status, string? Reason,
    int Pages, int OcrPages, int Chunks, long Bytes, string Sha256, DateTime Added,
    IReadOnlyList<int> LowConfidencePages, IReadOnlyList<PageReadingReport> OcrReadings)
{
    public static DocumentReport From(DocumentRecord document) => new(
        document.Id, document.PrimaryPath, document.Paths, document.Kind.ToName(), document.Status, document.Reason,
        document.PageCount, document.OcrPageCount, document.ChunkCount, document.Bytes, document.Sha256, document.AddedUtc,
        [.. document.LowConfidencePages.Select(r => r.Number)], [.. document.OcrReadings.Select(PageReadingReport.From)]);
}
