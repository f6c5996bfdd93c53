using System.Security.Cryptography;
using System.Text;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Text;

namespace DocShelf.Ingestion.Running;

/// <summary>The shelf's record of a file that went through the steps: read, or refused with its reason.</summary>
public static class ShelfRecords
{
    /// <param name="pages">The context's pages, every one of them read.</param>
    public static DocumentRecord Indexed(IngestionContext context, IReadOnlyList<PageContent> pages) =>
        new()
        {
            Id = context.DocumentId,
            Sha256 = context.Sha256,
            Paths = [context.Path],
            Kind = context.Kind,
            Bytes = context.Bytes,
            Status = DocumentStatus.Indexed,
            PageCount = pages.Count,
            OcrPageCount = context.OcrPageCount,
            OcrReadings = [.. pages.Where(p => p.Source == PageSource.Ocr).Select(PageReading.Of)],
            ChunkCount = context.Chunks.Count,
            AddedUtc = DateTime.UtcNow,
            Dated = context.Properties.Dated ?? (pages.Count > 0 ? DocumentDate.Find(pages[0].Text) : null),
            // A title from the document's metadata, else its first line if that reads as a heading.
            Title = context.Properties.Title ?? (pages.Count > 0 ? TitleGuess.FromFirstLines(pages[0].Text) : null),
            Author = context.Properties.Author,
            PageLabels = pages.Any(p => p.Label is not null) ? [.. pages.Select(p => p.Label)] : [],
            Steps = [.. context.Steps],
            Origin = context.Origin,
        };

    /// <summary>A refused file keeps the times of the steps it went through, so the one that failed can be told.</summary>
    public static DocumentRecord Quarantined(IngestionContext context, string reason, string? detail = null)
    {
        // A file that could not even be hashed is recorded under an id derived from its path.
        var sha256 = context.Sha256.Length > 0
            ? context.Sha256
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("path:" + context.Path)));
        return new DocumentRecord
        {
            Id = context.DocumentId.Length > 0 ? context.DocumentId : DocumentRecord.IdFromSha256(sha256),
            Sha256 = sha256,
            Paths = [context.Path],
            Kind = context.Kind,
            Bytes = context.Bytes,
            Status = DocumentStatus.Quarantined,
            Reason = reason,
            ReasonDetail = detail,
            AddedUtc = DateTime.UtcNow,
            Steps = [.. context.Steps],
            Origin = context.Origin,
        };
    }
}
