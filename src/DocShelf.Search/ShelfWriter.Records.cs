using DocShelf.Core.Documents;
using DocShelf.Core.Queue;

namespace DocShelf.Search;

/// <summary>The record keeping every change shares; each runs inside the caller's transaction.</summary>
public sealed partial class ShelfWriter
{
    /// <summary>
    /// Writes <paramref name="document"/> in place of whatever content it had, keeping the paths already known to hold
    /// it. Returns the ids of documents that left the shelf because this path held them and no other path does.
    /// </summary>
    private List<string> ReplaceContent(DocumentRecord document, string path)
    {
        var orphan = DetachFromOtherContent(path, document.Id);
        RemoveContent(document.Id);
        database.Documents.Upsert(WithKnownPaths(document, path));
        return orphan;
    }

    private DocumentRecord WithKnownPaths(DocumentRecord document, string path)
    {
        var known = database.Documents.FindById(document.Id)?.Paths ?? [];
        return document with { Paths = [.. known.Concat(document.Paths).Append(path).Distinct(StringComparer.Ordinal)] };
    }

    /// <summary>
    /// Removes <paramref name="path"/> from the content it held before, unless that is the content kept. Returns the
    /// ids of the documents that left the shelf: that content, when no other path holds it, and what was inside it.
    /// </summary>
    private List<string> DetachFromOtherContent(string path, string? keepDocumentId)
    {
        if (database.Files.FindById(path) is not { DocumentId: { } previousId } || previousId == keepDocumentId ||
            database.Documents.FindById(previousId) is not { } previous)
        {
            return [];
        }

        var remaining = previous.Paths.Where(p => p != path).ToList();
        if (remaining.Count > 0)
        {
            database.Documents.Update(previous with { Paths = remaining });
            return [];
        }

        var gone = WithInnerDocuments(previousId);
        DeleteDocuments(gone);
        return gone;
    }

    /// <summary>The document and every document inside it (attachments, a mailbox's messages, theirs in turn).</summary>
    private List<string> WithInnerDocuments(string documentId)
    {
        var found = new List<string> { documentId };
        for (var i = 0; i < found.Count; i++)
        {
            var parent = found[i];
            found.AddRange(database.Documents.Find(d => d.Origin!.ParentId == parent).Select(d => d.Id));
        }

        return found;
    }

    private void DeleteDocuments(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            RemoveContent(id);
            database.Documents.Delete(id);
        }
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
            Job = null,
        });
    }

    private void RemoveContent(string documentId)
    {
        database.Pages.DeleteMany(p => p.DocumentId == documentId);
        database.Chunks.DeleteMany(c => c.DocumentId == documentId);
    }
}
