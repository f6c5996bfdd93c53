using System.IO.Compression;
using System.Text;

namespace DocShelf.Fixtures.Office;

/// <summary>Writes a part of a zip-based file (OpenDocument, EPUB, OOXML) as UTF-8 text.</summary>
public static class ZipParts
{
    /// <param name="level">How the entry is compressed; a "mimetype" entry is stored, as its formats require.</param>
    public static void Add(ZipArchive zip, string name, string content, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
