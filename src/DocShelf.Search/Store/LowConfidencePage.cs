using DocShelf.Core.Documents;

namespace DocShelf.Search.Store;

/// <summary>A page whose OCR confidence is low, named so an archivist can find the scan and redo it.</summary>
public sealed record LowConfidencePage(string DocumentId, string Path, int Page, double Confidence)
{
    public static IReadOnlyList<LowConfidencePage> Of(IEnumerable<DocumentRecord> documents) =>
        documents
            .SelectMany(d => d.LowConfidencePages.Select(r => new LowConfidencePage(d.Id, d.PrimaryPath, r.Number, r.Confidence)))
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Page)
            .ToList();
}
