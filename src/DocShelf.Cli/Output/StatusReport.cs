using DocShelf.Core.Documents;
using DocShelf.Search;

namespace DocShelf.Cli.Output;

/// <summary>The JSON shape of `status --json`.</summary>
public sealed record StatusReport(
    string DataDirectory, int Documents, int Quarantined, int Pages, int OcrPages, int Chunks, OcrReport Ocr, IReadOnlyList<QuarantineItem> Quarantine)
{
    public static StatusReport From(Shelf shelf, string tesseractVersion, IReadOnlyList<string> languages)
    {
        var counts = shelf.Store.Count();
        var quarantine = shelf.Store.DocumentsWithStatus(DocumentStatus.Quarantined)
            .OrderBy(d => d.PrimaryPath, StringComparer.Ordinal)
            .Select(d => new QuarantineItem(d.Id, d.PrimaryPath, d.Reason ?? ""))
            .ToList();
        return new StatusReport(
            shelf.DataDirectory, counts.IndexedDocuments, counts.QuarantinedDocuments, counts.Pages, counts.OcrPages, counts.Chunks,
            new OcrReport("tesseract", tesseractVersion, languages),
            quarantine);
    }
}
