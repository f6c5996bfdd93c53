using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Intake;
using DocShelf.Search;

namespace DocShelf.Web.Files;

/// <summary>
/// Opens a document's file on disk for the viewer and the download link. Only a path the shelf recorded is ever
/// opened, only inside an inbox, only under the path rule (no link in any part of it, checked on the open file), and
/// only while it still holds the version that was read.
/// </summary>
public sealed class OriginalFiles(Shelf shelf, WebOptions options)
{
    private readonly string[] inboxes = [.. options.Inboxes.Select(LinkFreePath.Root)];

    /// <summary>The opened file, which the caller disposes, or null and a sentence saying why there is none.</summary>
    public (OpenedFile? File, string? Problem) Open(DocumentRecord document)
    {
        var outside = 0;
        foreach (var path in document.Paths)
        {
            if (!inboxes.Any(inbox => LinkFreePath.IsUnder(path, inbox)))
            {
                outside++;
            }
            else if (OpenReadVersion(path, document) is { } file)
            {
                return (file, null);
            }
        }

        return (null, outside == document.Paths.Count
            ? "The original lies outside the watched inboxes, so this page does not serve it."
            : "The original has changed or gone since it was read; it will be read again shortly.");
    }

    /// <summary>Why there is no original to serve, or null when there is one.</summary>
    public string? Problem(DocumentRecord document)
    {
        var (file, problem) = Open(document);
        file?.Dispose();
        return problem;
    }

    private OpenedFile? OpenReadVersion(string path, DocumentRecord document)
    {
        OpenedFile file;
        try
        {
            file = OpenedFile.Open(path);
        }
        catch (Exception error) when (error is UnreadableFileException or IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var entry = shelf.Queue.Find(path);
        if (file.Length == document.Bytes && (entry is null || entry.ModifiedTicks == 0 || entry.IsVersion(file.Length, file.LastWriteTimeUtc)))
        {
            return file;
        }

        file.Dispose();
        return null;
    }
}
