using DocShelf.Core.Documents;
using LiteDB;

namespace DocShelf.Search.Store;

/// <summary>
/// The shelf's record of truth in one LiteDB file: documents, the paths they were found at, their pages and chunks.
/// The lexical index can always be rebuilt from what is here.
/// </summary>
public sealed class ShelfStore : IDisposable
{
    private readonly LiteDatabase database;
    private readonly Lock writeLock = new();

    public ShelfStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var mapper = new BsonMapper();
        mapper.Entity<DocumentRecord>().Ignore(d => d.PrimaryPath);
        database = new LiteDatabase(new ConnectionString
        {
            Filename = Path.Combine(dataDirectory, "shelf.db"),
            Connection = ConnectionType.Direct,
        }, mapper);
        Documents.EnsureIndex(d => d.Status);
        Pages.EnsureIndex(p => p.DocumentId);
        Chunks.EnsureIndex(c => c.DocumentId);
        PathEntries.EnsureIndex(p => p.DocumentId);
    }

    private ILiteCollection<DocumentRecord> Documents => database.GetCollection<DocumentRecord>("documents");

    private ILiteCollection<PageContent> Pages => database.GetCollection<PageContent>("pages");

    private ILiteCollection<Chunk> Chunks => database.GetCollection<Chunk>("chunks");

    private ILiteCollection<PathEntry> PathEntries => database.GetCollection<PathEntry>("paths");

    public DocumentRecord? FindDocument(string id) => Documents.FindById(id);

    public DocumentRecord? FindByPath(string path)
    {
        var entry = PathEntries.FindById(path);
        return entry is null ? null : Documents.FindById(entry.DocumentId);
    }

    public IReadOnlyList<DocumentRecord> AllDocuments() => Documents.FindAll().OrderBy(d => d.PrimaryPath, StringComparer.Ordinal).ToList();

    public IReadOnlyList<DocumentRecord> DocumentsWithStatus(DocumentStatus status) => Documents.Find(d => d.Status == status).ToList();

    public IReadOnlyList<PageContent> PagesOf(string documentId) =>
        Pages.Find(p => p.DocumentId == documentId).OrderBy(p => p.Number).ToList();

    public PageContent? FindPage(string documentId, int number) => Pages.FindById(PageId(documentId, number));

    public IReadOnlyList<Chunk> ChunksOf(string documentId) =>
        Chunks.Find(c => c.DocumentId == documentId).OrderBy(c => c.PageNumber).ThenBy(c => c.Start).ToList();

    public ShelfCounts Count() => new(
        Documents.Count(d => d.Status == DocumentStatus.Indexed),
        Documents.Count(d => d.Status == DocumentStatus.Quarantined),
        Pages.Count(),
        Pages.Count(p => p.Source == PageSource.Ocr),
        Chunks.Count());

    /// <summary>Stores a readable document with its pages and chunks, and the path it came from, in one transaction.</summary>
    public void SaveIndexed(DocumentRecord document, IEnumerable<PageContent> pages, IEnumerable<Chunk> chunks)
    {
        InTransaction(() =>
        {
            RemoveContent(document.Id);
            Documents.Upsert(document);
            Pages.InsertBulk(pages.Select(p => p with { Id = PageId(document.Id, p.Number), DocumentId = document.Id }));
            Chunks.InsertBulk(chunks);
            SavePaths(document);
        });
    }

    /// <summary>Records a file that could not be read, with its reason, so nothing is silently dropped.</summary>
    public void SaveQuarantined(DocumentRecord document)
    {
        InTransaction(() =>
        {
            RemoveContent(document.Id);
            Documents.Upsert(document);
            SavePaths(document);
        });
    }

    /// <summary>Adds a second path to content already on the shelf.</summary>
    public DocumentRecord AddPath(DocumentRecord document, string path)
    {
        var updated = document with { Paths = [.. document.Paths.Append(path).Distinct(StringComparer.Ordinal)] };
        InTransaction(() =>
        {
            Documents.Update(updated);
            PathEntries.Upsert(new PathEntry { Id = path, DocumentId = document.Id });
        });
        return updated;
    }

    /// <summary>
    /// Forgets that <paramref name="path"/> holds a document. Returns the document's id when no path is left,
    /// in which case the document, its pages and chunks are gone too.
    /// </summary>
    public string? DetachPath(string path)
    {
        string? orphan = null;
        InTransaction(() =>
        {
            var entry = PathEntries.FindById(path);
            if (entry is null || Documents.FindById(entry.DocumentId) is not { } document)
            {
                PathEntries.Delete(path);
                return;
            }

            PathEntries.Delete(path);
            var remaining = document.Paths.Where(p => p != path).ToList();
            if (remaining.Count > 0)
            {
                Documents.Update(document with { Paths = remaining });
                return;
            }

            RemoveContent(document.Id);
            Documents.Delete(document.Id);
            orphan = document.Id;
        });
        return orphan;
    }

    public void Dispose() => database.Dispose();

    private static string PageId(string documentId, int number) => $"{documentId}/{number}";

    private void SavePaths(DocumentRecord document)
    {
        foreach (var path in document.Paths)
        {
            PathEntries.Upsert(new PathEntry { Id = path, DocumentId = document.Id });
        }
    }

    private void RemoveContent(string documentId)
    {
        Pages.DeleteMany(p => p.DocumentId == documentId);
        Chunks.DeleteMany(c => c.DocumentId == documentId);
    }

    private void InTransaction(Action work)
    {
        lock (writeLock)
        {
            database.BeginTrans();
            try
            {
                work();
                database.Commit();
            }
            catch
            {
                database.Rollback();
                throw;
            }
        }
    }
}
