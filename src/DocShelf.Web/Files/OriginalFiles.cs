using System.Collections.Concurrent;
using DocShelf.Core.Documents;
using DocShelf.Core.Files;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Intake;
using DocShelf.Search;

namespace DocShelf.Web.Files;

/// <summary>
/// Opens a document's original for the viewer and the Original link. Only a path the shelf itself recorded is
/// opened (one an inbox held, an upload, or one a user named to `ingest`), only under the path rule (no link in any
/// part of it, checked on the open file), and only while it holds the very bytes that were read.
/// </summary>
public sealed class OriginalFiles(Shelf shelf)
{
    /// <summary>Versions whose bytes were hashed, and whether they were the bytes read, so each is hashed once.</summary>
    private readonly ConcurrentDictionary<(string Path, long Length, long Ticks, string Sha256), bool> checkedVersions = new();

    /// <summary>The opened file, which the caller disposes, or null and a sentence saying why there is none.</summary>
    public (OpenedFile? File, string? Problem) Open(DocumentRecord document)
    {
        var present = 0;
        foreach (var path in document.Paths)
        {
            if (TryOpen(path) is not { } file)
            {
                continue;
            }

            present++;
            if (HoldsWhatWasRead(file, path, document))
            {
                return (file, null);
            }

            file.Dispose();
        }

        return (null, present == 0
            ? "The original is not where it was read (moved, deleted, or on a disk that is not mounted)."
            : "The original has changed since it was read; it will be read again when its inbox is next looked at.");
    }

    /// <summary>Why there is no original to serve, or null when there is one.</summary>
    public string? Problem(DocumentRecord document)
    {
        var (file, problem) = Open(document);
        file?.Dispose();
        return problem;
    }

    private static OpenedFile? TryOpen(string path)
    {
        try
        {
            return OpenedFile.Open(path);
        }
        catch (Exception error) when (error is UnreadableFileException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Same size, and either the version the queue recorded when it read the file or, for a file touched since or
    /// never versioned, the same sha256.
    /// </summary>
    private bool HoldsWhatWasRead(OpenedFile file, string path, DocumentRecord document)
    {
        if (file.Length != document.Bytes)
        {
            return false;
        }

        if (shelf.Queue.Find(path) is { ModifiedTicks: not 0 } entry && entry.IsVersion(file.Length, file.LastWriteTimeUtc))
        {
            return true;
        }

        return checkedVersions.GetOrAdd((path, file.Length, file.LastWriteTimeUtc.Ticks, document.Sha256), _ => FileHash.Sha256(file.ReadPath) == document.Sha256);
    }
}
