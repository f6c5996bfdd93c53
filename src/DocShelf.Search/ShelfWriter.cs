using DocShelf.Core.Documents;
using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Search;

/// <summary>
/// Every change to the shelf goes through here, under one lock, so the store and the lexical index
/// never disagree about a document. The store is written first and is the record of truth.
/// </summary>
public sealed class ShelfWriter(ShelfStore store, LexicalIndex index)
{
    private readonly Lock gate = new();

    public ShelfStore Store => store;

    /// <summary>
    /// Records that <paramref name="path"/> now holds the content <paramref name="documentId"/>: detaches the path from
    /// any older content (removing that content when no path is left). Returns the record when the content is already
    /// on the shelf, so the caller need not read the file again.
    /// </summary>
    public DocumentRecord? ClaimPath(string path, string documentId)
    {
        lock (gate)
        {
            if (store.FindByPath(path) is { } previous && previous.Id != documentId)
            {
                DetachPath(path);
            }

            var existing = store.FindDocument(documentId);
            return existing is null ? null : store.AddPath(existing, path);
        }
    }

    public void Publish(DocumentRecord document, IReadOnlyList<PageContent> pages, IReadOnlyList<Chunk> chunks)
    {
        lock (gate)
        {
            store.SaveIndexed(WithKnownPaths(document), pages, chunks);
            index.DeleteDocument(document.Id);
            index.Add(chunks);
        }
    }

    public void Quarantine(DocumentRecord document)
    {
        lock (gate)
        {
            store.SaveQuarantined(WithKnownPaths(document));
            index.DeleteDocument(document.Id);
        }
    }

    public void Commit()
    {
        lock (gate)
        {
            index.Commit();
        }
    }

    /// <summary>
    /// Brings the lexical index in line with the store after an interrupted run: chunks of stored documents that
    /// never reached the index are added, and index entries for documents the store does not hold are dropped.
    /// </summary>
    public (int Added, int Dropped) Reconcile()
    {
        lock (gate)
        {
            var indexed = index.DocumentIds();
            var stored = store.DocumentsWithStatus(DocumentStatus.Indexed).Where(d => d.ChunkCount > 0).ToList();
            var missing = stored.Where(d => !indexed.Contains(d.Id)).ToList();
            foreach (var document in missing)
            {
                index.Add(store.ChunksOf(document.Id));
            }

            var storedIds = stored.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            var extra = indexed.Where(id => !storedIds.Contains(id)).ToList();
            foreach (var id in extra)
            {
                index.DeleteDocument(id);
            }

            if (missing.Count > 0 || extra.Count > 0)
            {
                index.Commit();
            }

            return (missing.Count, extra.Count);
        }
    }

    /// <summary>Keeps the paths of an earlier record of the same content (two copies read at once in one run).</summary>
    private DocumentRecord WithKnownPaths(DocumentRecord document) =>
        store.FindDocument(document.Id) is { } existing
            ? document with { Paths = [.. existing.Paths.Concat(document.Paths).Distinct(StringComparer.Ordinal)] }
            : document;

    private void DetachPath(string path)
    {
        if (store.DetachPath(path) is { } orphan)
        {
            index.DeleteDocument(orphan);
        }
    }
}
