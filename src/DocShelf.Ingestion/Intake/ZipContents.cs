using System.IO.Compression;
using System.Text;
using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// What a zip file is, from the entries it names: OpenDocument and EPUB say so in a "mimetype" entry; Office Open XML
/// has its main part at a fixed name. Only the central directory and the few bytes of "mimetype" are read, so a zip
/// bomb costs nothing here.
/// </summary>
public static class ZipContents
{
    private const int MimeTypeLength = 100;

    private static readonly Dictionary<string, FileKind> MimeTypes = new(StringComparer.Ordinal)
    {
        ["application/vnd.oasis.opendocument.text"] = FileKind.Odt,
        ["application/vnd.oasis.opendocument.spreadsheet"] = FileKind.Ods,
        ["application/vnd.oasis.opendocument.presentation"] = FileKind.Odp,
        ["application/epub+zip"] = FileKind.Epub,
    };

    private static readonly (string Part, FileKind Kind)[] MainParts =
    [
        ("word/document.xml", FileKind.Docx),
        ("xl/workbook.xml", FileKind.Xlsx),
        ("ppt/presentation.xml", FileKind.Pptx),
    ];

    public static FileKind KindOf(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("mimetype") is { } mimeType && MimeTypes.TryGetValue(ReadMimeType(mimeType), out var declared))
            {
                return declared;
            }

            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                return FileKind.Unknown;
            }

            // Office names its main part in [Content_Types].xml; the conventional names cover what Office and
            // LibreOffice write, and a macro-enabled file (DOCM, XLSM) has the same parts.
            foreach (var (part, kind) in MainParts)
            {
                if (zip.GetEntry(part) is not null)
                {
                    return kind;
                }
            }
        }
        catch (InvalidDataException)
        {
            // A damaged zip is not any of these; the caller calls it unknown.
        }

        return FileKind.Unknown;
    }

    private static string ReadMimeType(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var buffer = new byte[MimeTypeLength];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.ASCII.GetString(buffer, 0, length).Trim();
    }
}
