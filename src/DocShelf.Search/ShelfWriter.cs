using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Queue;
using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Search;

/// <summary>
/// The one owner of the shelf's state: every change to documents, their pages and chunks, file entries and the queue
/// is a method here, and each is one store transaction. <see cref="ShelfStore"/> and <see cref="FileQueue"/> only
/// read. The store is the record of truth; the lexical index follows it under one lock, and anything a kill leaves
/// undone in the index is repaired by <see cref="Reconcile"/>, which also clears page sources and images a kill left
/// without their document. The queue's changes are in ShelfWriter.Queue.cs.
/// </summary>
public sealed partial class ShelfWriter(ShelfDatabase database, ShelfStore store, LexicalIndex index, PageSourceFolder pageSources, PageImageFolder pageImages) : IDocumentSink
{
    private readonly Lock gate = new();

    /// <summary>
    /// The store's content stamp whose chunks the index holds exactly, followed change by change from the comparison
    /// <see cref="Reconcile"/> makes at opening; null when unknown, and it stays unknown once the index has failed to
    /// follow a change. Index commits name it, so the next opening can skip the comparison.
    /// </summary>
    private string? indexHolds;

    /// <summary>
    /// Records that <paramref name="path"/> holds content already indexed, and returns its record; null when the
    /// content is not indexed and must be read. Quarantined content is always read again: a password or language
    /// added since may now open it.
    /// </summary>
    public DocumentRecord? AttachPath(string path, string documentId)
    {
        lock (gate)
        {
            return Change(InStore, attached => DropLeftover(attached.Orphan)).Document;
        }

        (DocumentRecord? Document, IReadOnlyList<string> Orphan) InStore()
        {
            if (database.Documents.FindById(documentId) is not { Status: DocumentStatus.Indexed } existing)
            {
                return (null, []);
            }

            var orphan = DetachFromOtherContent(path, documentId);
            var updated = WithKnownPaths(existing, path);
            database.Documents.Update(updated);
            SetEntry(path, FileState.Indexed, documentId, reason: null);
            return (updated, orphan);
        }
    }

    /// <summary>
    /// Puts a document read from <paramref name="path"/> on the shelf with its pages and chunks, and the path's entry
    /// becomes indexed, in one transaction; then the lexical index follows.
    /// </summary>
    public void Publish(DocumentRecord document, string path, IReadOnlyList<PageContent> pages, IReadOnlyList<Chunk> chunks)
    {
        // The counts are what the store holds, whatever the caller filled in: the index and the vectors are checked
        // against them, and the shelf's totals are summed from them.
        document = document with { PageCount = pages.Count, OcrPageCount = pages.Count(p => p.Source == PageSource.Ocr), ChunkCount = chunks.Count };
        lock (gate)
        {
            Change(InStore, InIndex);
        }

        List<string> InStore()
        {
            var orphan = ReplaceContent(document, path);
            database.Pages.InsertBulk(pages.Select(p => p with { Id = ShelfStore.PageId(document.Id, p.Number), DocumentId = document.Id }));
            database.Chunks.InsertBulk(chunks);
            if (document.Origin is null)
            {
                SetEntry(path, FileState.Indexed, document.Id, reason: null);
            }

            return orphan;
        }

        void InIndex(List<string> orphan)
        {
            DropLeftover(orphan);
            index.DeleteDocument(document.Id);
            index.Add(DocumentFacets.Of(document, pages), chunks);
        }
    }

    /// <summary>Records a file that could not be read, with its reason, so nothing is silently dropped.</summary>
    public void Quarantine(DocumentRecord document, string path)
    {
        lock (gate)
        {
            Change(InStore, InIndex);
        }

        List<string> InStore()
        {
            var orphan = ReplaceContent(document, path);
            if (document.Origin is null)
            {
                SetEntry(path, FileState.Quarantined, document.Id, document.Reason);
            }

            return orphan;
        }

        void InIndex(List<string> orphan)
        {
            DropLeftover(orphan);
            index.DeleteDocument(document.Id);
        }
    }

    /// <summary>The file at <paramref name="path"/> is gone: the path leaves the shelf, and its document with it when no other path holds it.</summary>
    public void Forget(string path)
    {
        lock (gate)
        {
            Change(InStore, DropLeftover);
        }

        List<string> InStore()
        {
            var orphan = DetachFromOtherContent(path, keepDocumentId: null);
            database.Files.Delete(path);
            return orphan;
        }
    }

    /// <summary>
    /// Takes a document off the shelf (its record, pages, chunks, index entries, page source and images, and the same of every
    /// document inside it), leaving its files where they are: their entries are marked removed, so the same version is
    /// not read again. Returns the chunks that went, so their vectors can go too; null when there is no such document.
    /// </summary>
    public IReadOnlyList<Chunk>? Remove(string documentId)
    {
        lock (gate)
        {
            var removed = Change(InStore, removal => DropLeftover(removal.Gone)).Removed;
            if (removed is not null)
            {
                CommitIndex();
            }

            return removed;
        }

        (List<Chunk>? Removed, IReadOnlyList<string> Gone) InStore()
        {
            if (database.Documents.FindById(documentId) is null)
            {
                return (null, []);
            }

            var gone = WithInnerDocuments(documentId);
            List<Chunk> removed = [.. gone.SelectMany(id => database.Chunks.Find(c => c.DocumentId == id))];
            DeleteDocuments(gone);
            foreach (var entry in database.Files.Find(f => f.DocumentId == documentId).ToList())
            {
                database.Files.Update(entry with { State = FileState.Removed, DocumentId = null, Reason = null, UpdatedUtc = DateTime.UtcNow });
            }

            return (removed, gone);
        }
    }

    public void Commit()
    {
        lock (gate)
        {
            CommitIndex();
        }
    }

    /// <summary>
    /// Brings the lexical index in line with the store after an interrupted run: a document whose chunks are missing
    /// from the index, or there in another number, is indexed afresh; entries for documents the store does not hold
    /// are dropped. An index whose last commit was made at the store's present content stamp holds exactly its
    /// chunks, and is not compared document by document; after a comparison the store is stamped and the index
    /// committed at that stamp, so the next opening can trust it.
    /// </summary>
    /// <returns>Whether the two were compared, documents indexed afresh, and stale entries dropped.</returns>
    public (bool Compared, int Added, int Dropped) Reconcile()
    {
        lock (gate)
        {
            var agrees = index.StoreStampAtOpen is { } stamp && stamp == database.ContentStamp;
            var drift = agrees ? IndexDrift.None : IndexDrift.Find(store, index);
            indexHolds = agrees ? index.StoreStampAtOpen : null;
            foreach (var document in drift.Stale.Select(store.FindDocument).OfType<DocumentRecord>())
            {
                index.DeleteDocument(document.Id);
                index.Add(new DocumentFacets(document.Kind, document.AddedUtc, store.PageSourcesOf(document.Id), document.Dated), store.ChunksOf(document.Id));
            }

            foreach (var id in drift.Extra)
            {
                index.DeleteDocument(id);
            }

            if (!agrees)
            {
                indexHolds = database.InTransaction(database.StampContent);
                CommitIndex();
            }

            var documents = store.DocumentIds();
            pageSources.DeleteAllBut(documents);
            pageImages.DeleteAllBut(documents);

            return (!agrees, drift.Stale.Count, drift.Extra.Count);
        }
    }

    /// <summary>
    /// Makes a change to documents or chunks: <paramref name="inStore"/> in one store transaction that also draws the
    /// store a new content stamp, then <paramref name="inIndex"/> with its result. The index is known to hold the new
    /// stamp's chunks only if it held the old one's and followed this change without fault.
    /// </summary>
    private T Change<T>(Func<T> inStore, Action<T> inIndex)
    {
        var held = indexHolds;
        var stamp = "";
        var result = database.InTransaction(() =>
        {
            var changed = inStore();
            stamp = database.StampContent();
            return changed;
        });
        indexHolds = null;
        inIndex(result);
        indexHolds = held is null ? null : stamp;
        return result;
    }

    /// <summary>Commits the index, naming the store's stamp only when the index is known to hold exactly its chunks.</summary>
    private void CommitIndex() => index.Commit(indexHolds);

    /// <summary>Documents that left the store in the last write leave the index, the page sources and the page images too.</summary>
    private void DropLeftover(IReadOnlyList<string> gone)
    {
        foreach (var id in gone)
        {
            index.DeleteDocument(id);
            pageSources.Delete(id);
            pageImages.Delete(id);
        }
    }
}
