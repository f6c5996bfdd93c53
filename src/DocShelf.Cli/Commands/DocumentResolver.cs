using DocShelf.Core.Documents;
using DocShelf.Search.Store;

namespace DocShelf.Cli.Commands;

/// <summary>Finds the document a user means: by id, by a unique start of the id, or by a path it was read from.</summary>
public static class DocumentResolver
{
    public static DocumentRecord Resolve(ShelfStore store, string reference)
    {
        if (store.FindDocument(reference) is { } byId)
        {
            return byId;
        }

        if (store.FindByPath(Path.GetFullPath(reference)) is { } byPath)
        {
            return byPath;
        }

        var byPrefix = store.AllDocuments().Where(d => d.Id.StartsWith(reference, StringComparison.OrdinalIgnoreCase)).ToList();
        return byPrefix.Count switch
        {
            1 => byPrefix[0],
            0 => throw new UsageException($"No document '{reference}' on this shelf; `docshelf documents` lists them."),
            _ => throw new UsageException($"'{reference}' matches {byPrefix.Count} documents; give more of the id."),
        };
    }
}
