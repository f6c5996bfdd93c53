using System.Globalization;
using DocShelf.Core.Documents;

namespace DocShelf.Search.Store;

/// <summary>
/// The images the viewer draws pages with, kept in the data folder (`pages/ID/`), so every page stays viewable when
/// its original moves, changes or sits on a disk that is not mounted. A document id names fixed content, so an image
/// never goes stale; the images leave with their document.
/// </summary>
public sealed class PageImageFolder(string dataDirectory)
{
    public string Root { get; } = Path.Combine(dataDirectory, "pages");

    /// <summary>Where the image of <paramref name="page"/> of <paramref name="documentId"/> is kept.</summary>
    public string PathOf(string documentId, PageContent page) => Path.Combine(FolderOf(documentId), NameOf(page));

    /// <summary>
    /// "3.jpg" for a page drawn as scanned; a straightened page's name also says how, so a page read again another
    /// way is never shown with an image drawn for its old boxes.
    /// </summary>
    public static string NameOf(PageContent page) => page.Geometry.ChangesImage
        ? string.Create(CultureInfo.InvariantCulture, $"{page.Number}-turned-{page.Geometry.Rotation}-skew-{page.Geometry.Skew:0.000}.jpg")
        : string.Create(CultureInfo.InvariantCulture, $"{page.Number}.jpg");

    public void Delete(string documentId)
    {
        // Only a well-formed id names a folder here; any other has no images to remove.
        if (IsDocumentId(documentId) && Path.Combine(Root, documentId) is var folder && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Removes the images of every document not in <paramref name="kept"/>: those a kill left behind.</summary>
    public int DeleteAllBut(IReadOnlySet<string> kept)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        var stale = Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(id => !kept.Contains(id)).ToList();
        stale.ForEach(Delete);
        return stale.Count;
    }

    /// <summary>How many page images are kept, and their bytes.</summary>
    public (int Images, long Bytes) Size()
    {
        if (!Directory.Exists(Root))
        {
            return (0, 0);
        }

        var files = new DirectoryInfo(Root).EnumerateFiles("*.jpg", SearchOption.AllDirectories).ToList();
        return (files.Count, files.Sum(f => f.Length));
    }

    private static bool IsDocumentId(string id) => id.Length > 0 && id.All(char.IsAsciiHexDigitLower);

    private string FolderOf(string documentId) =>
        IsDocumentId(documentId)
            ? Path.Combine(Root, documentId)
            : throw new ArgumentException($"\"{documentId}\" is not a document id", nameof(documentId));
}
