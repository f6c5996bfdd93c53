using DocShelf.Core.Documents;
using DocShelf.Search;

namespace DocShelf.Web.Files;

/// <summary>
/// Finds a document's file on disk for the viewer and the download link. Only a path the shelf recorded is ever
/// opened, only inside an inbox (after following links), and only while it still holds the version that was read.
/// </summary>
public sealed class OriginalFiles(Shelf shelf, WebOptions options)
{
    private readonly string[] inboxes = [.. options.Inboxes.Select(i => Path.TrimEndingDirectorySeparator(Path.GetFullPath(i)))];

    /// <summary>The path to read, or null and a sentence saying why there is none.</summary>
    public (string? Path, string? Problem) Locate(DocumentRecord document)
    {
        var outside = 0;
        foreach (var path in document.Paths)
        {
            if (!InsideInbox(path))
            {
                outside++;
            }
            else if (IsReadVersion(path, document))
            {
                return (path, null);
            }
        }

        return (null, outside == document.Paths.Count
            ? "The original lies outside the watched inboxes, so this page does not serve it."
            : "The original has changed or gone since it was read; it will be read again shortly.");
    }

    private bool InsideInbox(string path)
    {
        var full = Path.GetFullPath(path);
        var target = File.Exists(full) ? File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full : full;
        return inboxes.Any(inbox => Within(full, inbox) && Within(target, inbox));
    }

    private static bool Within(string path, string folder) => path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private bool IsReadVersion(string path, DocumentRecord document)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length != document.Bytes)
        {
            return false;
        }

        var entry = shelf.Queue.Find(path);
        return entry is null || entry.ModifiedTicks == 0 || entry.IsVersion(file.Length, file.LastWriteTimeUtc);
    }
}
