using DocShelf.Core.Documents;
using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Search.Footprint;

/// <summary>
/// What the data folder's bytes are spent on, part by part and per page of each kind, and how many more pages the
/// disk has room for at those rates. Read from the files' sizes and the documents' records; nothing is loaded.
/// </summary>
public sealed record ShelfFootprint(
    long Store, long Lexical, long Vectors, long PageSources, long PageImages, long Other, long FreeBytes, IReadOnlyList<KindFootprint> Kinds)
{
    /// <summary>Every byte in the data folder.</summary>
    public long Total => Store + Lexical + Vectors + PageSources + PageImages + Other;

    /// <summary>What a page costs on this shelf, its kinds mixed as they are; 0 with no pages yet.</summary>
    public long BytesPerPage => Kinds.Sum(k => k.Pages) is var pages and > 0 ? Kinds.Sum(k => k.Bytes) / pages : 0;

    /// <summary>Pages the disk has room for at <see cref="BytesPerPage"/>; null with no pages yet to judge by.</summary>
    public long? RoomForPages => BytesPerPage > 0 ? FreeBytes / BytesPerPage : null;

    public static ShelfFootprint Measure(Shelf shelf)
    {
        var data = shelf.DataDirectory;
        var store = FileBytes(Path.Combine(data, ShelfDatabase.FileName)) + FileBytes(Path.Combine(data, ShelfDatabase.LogFileName));
        var lexical = FolderBytes(Path.Combine(data, LexicalIndex.FolderName));
        var vectors = FolderBytes(Path.Combine(data, ShelfDatabase.GraphsFolderName)) + FolderBytes(Path.Combine(data, ShelfDatabase.SentencesFolderName));
        // Each walked once: a document's page source is a file named by its id, its page images a folder.
        var (sourcesOf, imagesOf) = (BytesByName(shelf.PageSources.Root), BytesByName(shelf.PageImages.Root));
        var (sources, images) = (sourcesOf.Values.Sum(), imagesOf.Values.Sum());
        var shared = store + lexical + vectors;
        var documents = shelf.Store.DocumentsWithStatus(DocumentStatus.Indexed);
        var chunks = Math.Max(1, documents.Sum(d => (long)d.ChunkCount));
        var kinds = documents.GroupBy(PageKind.Of).OrderBy(g => g.Key, StringComparer.Ordinal).Select(kind => new KindFootprint(
            kind.Key,
            kind.Count(),
            kind.Sum(d => d.PageCount),
            kind.Sum(d => d.Bytes),
            kind.Sum(d => sourcesOf.GetValueOrDefault(d.Id) + imagesOf.GetValueOrDefault(d.Id))
                + (shared * kind.Sum(d => (long)d.ChunkCount) / chunks))).ToList();
        // A work folder that comes or goes while the folders are walked can make this a little off; never below nothing.
        var other = Math.Max(0, FolderBytes(data) - store - lexical - vectors - sources - images);
        return new ShelfFootprint(store, lexical, vectors, sources, images, other, new DriveInfo(data).AvailableFreeSpace, kinds);
    }

    private static long FileBytes(string path) => new FileInfo(path) is { Exists: true } file ? file.Length : 0;

    /// <summary>The bytes of each file or folder directly in <paramref name="root"/>, by name.</summary>
    private static Dictionary<string, long> BytesByName(string root)
    {
        var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
        if (Directory.Exists(root))
        {
            foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos())
            {
                bytes[entry.Name] = entry is FileInfo file ? file.Length : FolderBytes(entry.FullName);
            }
        }

        return bytes;
    }

    private static long FolderBytes(string path)
    {
        try
        {
            return Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return 0; // a folder removed while it was walked (a finished work folder): it holds nothing now
        }
    }
}
