using DocShelf.Core.Documents;
using DocShelf.Core.Queue;

namespace DocShelf.Search;

/// <summary>The record keeping every change shares; each runs inside the caller's transaction.</summary>
public sealed partial class ShelfWriter
{
    /// <summary>
    /// Writes <paramref name="document"/> in place of whatever content it had, keeping the paths already known to hold
    /// it. Returns the id of a document that left the shelf because this path held it and no other path does.
    /// </summary>
    private string? ReplaceContent(DocumentRecord document, string path)
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
