using DocShelf.Core.Pipeline;

namespace DocShelf.Search.Store;

/// <summary>
/// The file each document's pages are drawn from, kept in the data folder (`page-sources/ID`) so every page stays
/// viewable when its original moves, changes or sits on a disk that is not mounted: the original's own bytes for a
/// PDF or an image, the PDF an office document was laid out as. A document id names one content, so a file kept
/// once is never written again, and two paths that hold the same bytes keep one copy. It leaves with its document.
/// </summary>
public sealed class PageSourceFolder(string dataDirectory) : IPageSourceKeeper
{
    public const string FolderName = "page-sources";

    public string Root { get; } = Path.Combine(dataDirectory, FolderName);

    /// <summary>The kept file of <paramref name="documentId"/>, or null when none is kept.</summary>
    public string? Find(string documentId) =>
        DocumentIds.IsWellFormed(documentId) && PathOf(documentId) is var path && File.Exists(path) ? path : null;

    /// <summary>Keeps a copy of <paramref name="source"/> for <paramref name="documentId"/>, unless one is kept already.</summary>
    public void Keep(string documentId, string source)
    {
        var target = PathOf(documentId);
        if (File.Exists(target))
        {
            return;
        }

        Directory.CreateDirectory(Root);
        // Copied beside its place and renamed into it, so a kill never leaves half a file under the document's name;
        // named for this copy alone, since two paths with the same bytes may be read at once.
        var partial = $"{target}.{Guid.NewGuid():N}.partial";
        File.Copy(source, partial, overwrite: true);
        OwnerOnly.CloseFile(partial);
        File.Move(partial, target, overwrite: true);
    }

    public void Delete(string documentId)
    {
        if (Find(documentId) is { } kept)
        {
            File.Delete(kept);
        }
    }

    /// <summary>Removes the files of every document not in <paramref name="kept"/>, and any a kill left half copied.</summary>
    public int DeleteAllBut(IReadOnlySet<string> kept)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        var stale = Directory.EnumerateFiles(Root).Where(f => !kept.Contains(Path.GetFileName(f))).ToList();
        stale.ForEach(File.Delete);
        return stale.Count;
    }

    /// <summary>How many files are kept, and their bytes.</summary>
    public (int Files, long Bytes) Size()
    {
        if (!Directory.Exists(Root))
        {
            return (0, 0);
        }

        var files = new DirectoryInfo(Root).GetFiles();
        return (files.Length, files.Sum(f => f.Length));
    }

    private string PathOf(string documentId) =>
        DocumentIds.IsWellFormed(documentId)
            ? Path.Combine(Root, documentId)
            : throw new ArgumentException($"\"{documentId}\" is not a document id", nameof(documentId));
}
