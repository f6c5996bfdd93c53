using DocShelf.Core.Documents;

namespace DocShelf.Web.Api;

/// <summary>One document in /api/documents: what it is, where it lies, and how it was read.</summary>
public sealed record DocumentSummary(
    string Id,
    string Name,
    string Path,
    IReadOnlyList<string> Paths,
    FileKind Kind,
    DocumentStatus Status,
    string? Reason,
    string? ReasonDetail,
    int Pages,
    int OcrPages,
    int Chunks,
    long Bytes,
    string Sha256,
    DateTime AddedUtc,
    string? Dated,
    IReadOnlyList<int> LowConfidencePages,
    IReadOnlyList<PageReading> OcrReadings,
    IReadOnlyList<StepTiming> Steps,
    string? Title,
    string? Author,
    string? Origin,
    string? ParentId)
{
    public static DocumentSummary Of(DocumentRecord document) => new(
        document.Id,
        System.IO.Path.GetFileName(document.PrimaryPath),
        document.PrimaryPath,
        document.Paths,
        document.Kind,
        document.Status,
        document.Reason,
        document.ReasonDetail,
        document.PageCount,
        document.OcrPageCount,
        document.ChunkCount,
        document.Bytes,
        document.Sha256,
        document.AddedUtc,
        document.Dated,
        [.. document.LowConfidencePages.Select(r => r.Number)],
        document.OcrReadings,
        document.Steps,
        document.Title,
        document.Author,
        document.Origin?.Describe(),
        document.Origin?.ParentId);
}
