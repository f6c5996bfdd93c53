using DocShelf.Core.Documents;
using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Search;

/// <summary>
/// Every change to the shelf's content goes through here, under one lock, so the store and the lexical index never
/// disagree for long. The store is written first and is the record of truth; the index follows it, and anything
/// a kill leaves undone in the index is repaired by <see cref="Reconcile"/>.
/// </summary>
public sealed class ShelfWriter(ShelfStore store, LexicalIndex index)
{
    private readonly Lock gate = new();

    /// <summary>
    /// Records that <paramref name="path"/> holds content already on the shelf and returns its record, or null when
    /// the content is new and must be read.
    /// </summary>
    public DocumentRecord? AttachPath(string path, string documentId)
    {
        lock (gate)
        {
            var (document, orphan) = store.AttachPath(path, documentId);
            DropFromIndex(orphan);
            return document;
        }
    }

    public void Publish(DocumentRecord document, string path, IReadOnlyList<PageContent> pages, IReadOnlyList<Chunk> chunks)
    {
        lock (gate)
        {
            DropFromIndex(store.SaveIndexed(document, path, pages, chunks));
            index.DeleteDocument(document.Id);
            index.Add(DocumentFacets.Of(document, pages), chunks);
        }
    }

    /// <summary>Notes on a document how long each step took to read it.</summary>
    public void RecordSteps(string documentId, IReadOnlyList<StepTiming> steps) => store.RecordSteps(documentId, steps);

    public void Quarantine(DocumentRecord document, string path)
    {
        lock (gate)
        {
            DropFromIndex(store.SaveQuarantined(document, path));
            index.DeleteDocument(document.Id);
        }
    }

    /// <summary>The file at <paramref name="path"/> is gone: the path leaves the shelf, and its document with it when no other path holds it.</summary>
    public void Forget(string path)
    {
        lock (gate)
        {
            DropFromIndex(store.ForgetPath(path));
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
    /// Brings the lexical index in line with the store after an interrupted run: a document whose chunks are missing
    /// from the index, or there in another number, is indexed afresh; entries for documents the store does not hold
    /// are dropped.
    /// </summary>
    public (int Added, int Dropped) Reconcile()
    {
        lock (gate)
        {
            var indexed = index.ChunkCounts();
            var stored = store.DocumentsWithStatus(DocumentStatus.Indexed).Where(d => d.ChunkCount > 0).ToList();
            var stale = stored.Where(d => indexed.GetValueOrDefault(d.Id) != d.ChunkCount).ToList();
            foreach (var document in stale)
            {
                index.DeleteDocument(document.Id);
                index.Add(new DocumentFacets(document.Kind, document.AddedUtc, store.PageSourcesOf(document.Id)), store.ChunksOf(document.Id));
            }

            var storedIds = stored.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            var extra = indexed.Keys.Where(id => !storedIds.Contains(id)).ToList();
            foreach (var id in extra)
            {
                index.DeleteDocument(id);
            }

            if (stale.Count > 0 || extra.Count > 0)
            {
                index.Commit();
            }

            return (stale.Count, extra.Count);
        }
    }

    private void DropFromIndex(string? orphan)
    {
        if (orphan is not null)
        {
            index.DeleteDocument(orphan);
        }
    }
}
