using DocShelf.Core.Documents;
using DocShelf.Core.Queue;

namespace DocShelf.Search.Store;

/// <summary>
/// The shelf's record of truth: documents, their pages and chunks, and which paths hold them. Every change that
/// touches a document also records the state of the path it came from, in the same transaction, so a kill at any
/// moment leaves either the old state or the new one. The lexical index can always be rebuilt from here.
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

    /// <summary>
    /// Stores a readable document read from <paramref name="path"/>, with its pages and chunks. Returns the id of a
    /// document that left the shelf because this path held it and no other path does.
    /// </summary>
    public string? SaveIndexed(DocumentRecord document, string path, IEnumerable<PageContent> pages, IEnumerable<Chunk> chunks) =>
        database.InTransaction(() =>
        {
            var orphan = DetachFromOtherContent(path, document.Id);
            RemoveContent(document.Id);
            database.Documents.Upsert(WithKnownPaths(document, path));
            database.Pages.InsertBulk(pages.Select(p => p with { Id = PageId(document.Id, p.Number), DocumentId = document.Id }));
            database.Chunks.InsertBulk(chunks);
            SetEntry(path, FileState.Indexed, document.Id, reason: null);
            return orphan;
        });

    /// <summary>Records a file that could not be read, with its reason, so nothing is silently dropped.</summary>
    public void RecordSteps(string documentId, IReadOnlyList<StepTiming> steps) =>
        database.InTransaction(() =>
        {
            if (database.Documents.FindById(documentId) is { } document)
            {
                database.Documents.Update(document with { Steps = [.. steps] });
            }
        });

    public string? SaveQuarantined(DocumentRecord document, string path) =>
        database.InTransaction(() =>
        {
            var orphan = DetachFromOtherContent(path, document.Id);
            RemoveContent(document.Id);
            database.Documents.Upsert(WithKnownPaths(document, path));
            SetEntry(path, FileState.Quarantined, document.Id, document.Reason);
            return orphan;
        });

    /// <summary>
    /// Records that <paramref name="path"/> holds content already indexed. Returns the updated record (null when the
    /// content is not indexed, so it must be read) and the id of a document that left the shelf with the path's old
    /// content. Quarantined content is always read again: a password or language added since may now open it.
    /// </summary>
    public (DocumentRecord? Document, string? Orphan) AttachPath(string path, string documentId) =>
        database.InTransaction(() =>
        {
            if (database.Documents.FindById(documentId) is not { Status: DocumentStatus.Indexed } existing)
            {
                return ((DocumentRecord?)null, (string?)null);
            }

            var orphan = DetachFromOtherContent(path, documentId);
            var updated = WithKnownPaths(existing, path);
            database.Documents.Update(updated);
            SetEntry(path, FileState.Indexed, documentId, reason: null);
            return (updated, orphan);
        });

    /// <summary>
    /// Forgets <paramref name="path"/> (its file is gone). Returns the id of its document when no path is left, in
    /// which case the document, its pages and chunks are gone too.
    /// </summary>
    public string? ForgetPath(string path) =>
        database.InTransaction(() =>
        {
            var orphan = DetachFromOtherContent(path, keepDocumentId: null);
            database.Files.Delete(path);
            return orphan;
        });

    private static string PageId(string documentId, int number) => $"{documentId}/{number}";

    private DocumentRecord WithKnownPaths(DocumentRecord document, string path)
    {
        var known = database.Documents.FindById(document.Id)?.Paths ?? [];
        return document with { Paths = [.. known.Concat(document.Paths).Append(path).Distinct(StringComparer.Ordinal)] };
    }

    /// <summary>Removes <paramref name="path"/> from the content it held before, unless that is the content kept.</summary>
    private string? DetachFromOtherContent(string path, string? keepDocumentId)
    {
        if (database.Files.FindById(path) is not { DocumentId: { } previousId } || previousId == keepDocumentId ||
            database.Documents.FindById(previousId) is not { } previous)
        {
            return null;
        }

        var remaining = previous.Paths.Where(p => p != path).ToList();
        if (remaining.Count > 0)
        {
            database.Documents.Update(previous with { Paths = remaining });
            return null;
        }

        RemoveContent(previousId);
        database.Documents.Delete(previousId);
        return previousId;
    }

    private void SetEntry(string path, FileState state, string documentId, string? reason)
    {
        var entry = database.Files.FindById(path) ?? new FileEntry { Id = path };
        database.Files.Upsert(entry with
        {
            State = state,
            DocumentId = documentId,
            Reason = reason,
            UpdatedUtc = DateTime.UtcNow,
            MissingSinceUtc = null,
        });
    }

    private void RemoveContent(string documentId)
    {
        database.Pages.DeleteMany(p => p.DocumentId == documentId);
        database.Chunks.DeleteMany(c => c.DocumentId == documentId);
    }
}
