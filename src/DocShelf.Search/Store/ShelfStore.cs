using DocShelf.Core.Documents;
using LiteDB;

namespace DocShelf.Search.Store;

/// <summary>
/// The shelf's record of truth, read: documents, their pages and chunks, and which paths hold them. The lexical index
/// can always be rebuilt from here. Every change is made by <see cref="ShelfWriter"/>, which records a document and
/// the state of the path it came from in one transaction, so a kill at any moment leaves the old state or the new.
/// </summary>
public sealed class ShelfStore(ShelfDatabase database)
{
    public DocumentRecord? FindDocument(string id) => database.Documents.FindById(id);

    public DocumentRecord? FindByPath(string path) =>
        database.Files.FindById(path) is { DocumentId: { } id } ? database.Documents.FindById(id) : null;

    public IReadOnlyList<DocumentRecord> AllDocuments() => database.Documents.FindAll().OrderBy(d => d.PrimaryPath, StringComparer.Ordinal).ToList();

    public IReadOnlyList<DocumentRecord> DocumentsWithStatus(DocumentStatus status) => database.Documents.Find(d => d.Status == status).ToList();

    /// <summary>
    /// The indexed documents with OCR'd pages, the only ones whose readings can be of low confidence: found through the
    /// index on their count, so no other document's record is read.
    /// </summary>
    public IReadOnlyList<DocumentRecord> DocumentsWithOcr() =>
        database.Documents.Find(Query.GT(nameof(DocumentRecord.OcrPageCount), 0)).Where(d => d.Status == DocumentStatus.Indexed).ToList();

    public IReadOnlyList<PageContent> PagesOf(string documentId) =>
        database.Pages.Find(p => p.DocumentId == documentId).OrderBy(p => p.Number).ToList();

    /// <summary>Where each page's text came from, without loading the pages' words.</summary>
    public IReadOnlyDictionary<int, PageSource> PageSourcesOf(string documentId) =>
        database.Pages.Query()
            .Where(p => p.DocumentId == documentId)
            .Select(p => new { p.Number, p.Source })
            .ToEnumerable()
            .ToDictionary(p => p.Number, p => p.Source);

    public PageContent? FindPage(string documentId, int number) => database.Pages.FindById(PageId(documentId, number));

    public IReadOnlyList<Chunk> ChunksOf(string documentId) =>
        database.Chunks.Find(c => c.DocumentId == documentId).OrderBy(c => c.PageNumber).ThenBy(c => c.Start).ToList();

    public Chunk? FindChunk(string id) => database.Chunks.FindById(id);

    /// <summary>The id of every chunk on the shelf, without loading their text.</summary>
    public HashSet<string> ChunkIds() =>
        database.Chunks.Query().Select(c => c.Id).ToEnumerable().ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The shelf's totals, summed from the documents' own counts, which <see cref="ShelfWriter.Publish"/> sets from
    /// what it stores in the same transaction: walking every page and chunk instead took seconds on a large shelf.
    /// </summary>
    public ShelfCounts Count()
    {
        var indexed = database.Documents.Query()
            .Where(d => d.Status == DocumentStatus.Indexed)
            .Select(d => new { d.PageCount, d.OcrPageCount, d.ChunkCount })
            .ToList();
        return new(
            indexed.Count,
            database.Documents.Count(d => d.Status == DocumentStatus.Quarantined),
            indexed.Sum(d => d.PageCount),
            indexed.Sum(d => d.OcrPageCount),
            indexed.Sum(d => d.ChunkCount));
    }

    /// <summary>The chunk count of every indexed document that has chunks, read without the rest of its record.</summary>
    public Dictionary<string, int> ChunkCounts() =>
        database.Documents.Query()
            .Where(d => d.Status == DocumentStatus.Indexed && d.ChunkCount > 0)
            .Select(d => new { d.Id, d.ChunkCount })
            .ToEnumerable()
            .ToDictionary(d => d.Id, d => d.ChunkCount, StringComparer.Ordinal);

    /// <summary>The id of every document on the shelf, indexed or quarantined, without loading their records.</summary>
    public HashSet<string> DocumentIds() =>
        database.Documents.Query().Select(d => d.Id).ToEnumerable().ToHashSet(StringComparer.Ordinal);

    /// <summary>The id under which a document's page is stored.</summary>
    public static string PageId(string documentId, int number) => $"{documentId}/{number}";
}
