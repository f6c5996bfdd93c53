using DocShelf.Core.Documents;

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

    public ShelfCounts Count() => new(
        database.Documents.Count(d => d.Status == DocumentStatus.Indexed),
        database.Documents.Count(d => d.Status == DocumentStatus.Quarantined),
        database.Pages.Count(),
        database.Pages.Count(p => p.Source == PageSource.Ocr),
        database.Chunks.Count());

    /// <summary>The id under which a document's page is stored.</summary>
    public static string PageId(string documentId, int number) => $"{documentId}/{number}";
}
