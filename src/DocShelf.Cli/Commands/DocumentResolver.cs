using DocShelf.Web.Api;

namespace DocShelf.Cli.Commands;

/// <summary>Finds the document a user means: by id, by a path it was read from, by a unique start of the id, or by file name.</summary>
public static class DocumentResolver
{
    public static DocumentSummary Resolve(IReadOnlyList<DocumentSummary> documents, string reference)
    {
        if (documents.FirstOrDefault(d => d.Id == reference) is { } byId)
        {
            return byId;
        }

        var path = Path.GetFullPath(reference);
        if (documents.FirstOrDefault(d => d.Paths.Contains(path, StringComparer.Ordinal)) is { } byPath)
        {
            return byPath;
        }

        var matches = documents.Where(d => d.Id.StartsWith(reference, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0)
        {
            matches = documents.Where(d => d.Paths.Any(p => Path.GetFileName(p).Equals(reference, StringComparison.OrdinalIgnoreCase))).ToList();
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new UsageException($"No document '{reference}' on this shelf; `docshelf documents` lists them."),
            _ => throw new UsageException($"'{reference}' matches {matches.Count} documents; give more of the id."),
        };
    }
}
