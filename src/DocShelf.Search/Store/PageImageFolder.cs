using System.Globalization;
using DocShelf.Core.Documents;

namespace DocShelf.Search.Store;

/// <summary>
/// The images the viewer draws pages with (`pages/ID/`), drawn when a page is first viewed and kept as a cache of
/// bounded size: an image whose document keeps its <see cref="PageSourceFolder">page source</see> can be drawn again,
/// so the least recently viewed of those go first when the cache is full. A document id names fixed content, so an
/// image never goes stale; the images leave with their document. Images drawn by DocShelf versions that kept every
/// page and no page source stay: they are the only copy.
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
        if (DocumentIds.IsWellFormed(documentId) && Path.Combine(Root, documentId) is var folder && Directory.Exists(folder))
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

    /// <summary>Marks <paramref name="image"/> as just viewed, so the cache keeps it longest.</summary>
    public static void Touch(string image)
    {
        try
        {
            File.SetLastWriteTimeUtc(image, DateTime.UtcNow);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Removed meanwhile by a trim or with its document: nothing to keep longer.
        }
    }

    /// <summary>
    /// Removes the least recently viewed images that <paramref name="canDrawAgain"/> (given a document id) allows
    /// until the images take at most <paramref name="bytes"/>, and returns the bytes they take then.
    /// </summary>
    public long TrimTo(long bytes, Func<string, bool> canDrawAgain)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        var images = new DirectoryInfo(Root).EnumerateFiles("*.jpg", SearchOption.AllDirectories).ToList();
        var total = images.Sum(f => f.Length);
        var drawable = images.Where(f => canDrawAgain(f.Directory!.Name)).OrderBy(f => f.LastWriteTimeUtc);
        foreach (var image in drawable)
        {
            if (total <= bytes)
            {
                break;
            }

            var length = image.Length; // read before the file goes: a FileInfo forgets its size once deleted
            image.Delete();
            total -= length;
        }

        return total;
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

    private string FolderOf(string documentId) =>
        DocumentIds.IsWellFormed(documentId)
            ? Path.Combine(Root, documentId)
            : throw new ArgumentException($"\"{documentId}\" is not a document id", nameof(documentId));
}
