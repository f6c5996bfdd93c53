using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using DocShelf.Core.Pipeline;

namespace DocShelf.Ingestion.Readers.Epub;

/// <summary>
/// An EPUB's package document (OPF), found through META-INF/container.xml: its title, creator and date, and the
/// content documents in reading order (the spine). The XML is read with no DTD and no resolver, so it can neither
/// expand entities nor name a file outside the book.
/// </summary>
public sealed record EpubPackage(string? Title, string? Creator, string? Date, IReadOnlyList<string> Spine)
{
    private const long MaxPackageBytes = 16L * 1024 * 1024;

    private static readonly XNamespace Container = "urn:oasis:names:tc:opendocument:xmlns:container";
    private static readonly XNamespace Opf = "http://www.idpf.org/2007/opf";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    public static EpubPackage Read(ZipArchive book)
    {
        var container = Load(book, "META-INF/container.xml");
        var packagePath = container.Descendants(Container + "rootfile").Select(r => (string?)r.Attribute("full-path")).FirstOrDefault(p => p is not null)
            ?? throw new UnreadableFileException("the EPUB names no package document in META-INF/container.xml");
        var package = Load(book, packagePath);
        var folder = packagePath.Contains('/') ? packagePath[..(packagePath.LastIndexOf('/') + 1)] : "";
        var manifest = package.Descendants(Opf + "item")
            .Where(item => item.Attribute("id") is not null && item.Attribute("href") is not null)
            .GroupBy(item => (string)item.Attribute("id")!)
            .ToDictionary(group => group.Key, group => Resolve(folder, (string)group.First().Attribute("href")!));
        var spine = package.Descendants(Opf + "itemref")
            .Select(itemref => (string?)itemref.Attribute("idref"))
            .Where(id => id is not null && manifest.ContainsKey(id))
            .Select(id => manifest[id!])
            .ToList();
        return new EpubPackage(First(package, "title"), First(package, "creator"), First(package, "date"), spine);
    }

    private static XDocument Load(ZipArchive book, string path)
    {
        var entry = book.GetEntry(path) ?? throw new UnreadableFileException($"the EPUB has no {path}");
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, CheckCharacters = false };
        using var reader = XmlReader.Create(new StringReader(ZipEntries.ReadText(entry, MaxPackageBytes)), settings);
        try
        {
            return XDocument.Load(reader);
        }
        catch (XmlException error)
        {
            throw new UnreadableFileException($"the e-book is damaged: its part {path} is broken", error.Message);
        }
    }

    private static string? First(XDocument package, string element) =>
        package.Descendants(DublinCore + element).Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);

    /// <summary>A manifest href made a path inside the book: relative to the package, with "." and ".." folded and percent-escapes undone.</summary>
    private static string Resolve(string folder, string href)
    {
        var parts = new List<string>();
        foreach (var part in (folder + Uri.UnescapeDataString(href.Split('#')[0])).Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
