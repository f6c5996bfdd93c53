using System.IO.Compression;
using DocShelf.Core.Documents;
using DocShelf.Ingestion.Intake;

namespace DocShelf.Ingestion.Readers.Office;

/// <summary>
/// Whether an office file is protected by a password, as far as its container says: an OpenDocument file lists
/// encryption data for its parts in its manifest, a Word 97 document sets a flag in its header, and an Office 2007+
/// file so protected is an encrypted package in a compound file. Used to say why a
/// file LibreOffice could not open was refused.
/// </summary>
public static class OfficeProtection
{
    private const long MaxManifestBytes = 4L * 1024 * 1024;

    public static bool IsProtected(string path, FileKind kind)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return kind switch
            {
                FileKind.Odt or FileKind.Ods or FileKind.Odp => ManifestNamesEncryption(stream),
                FileKind.Doc => CompoundFile.IsEncryptedWordDocument(stream),
                FileKind.ProtectedOffice => true,
                _ => false,
            };
        }
        catch (Exception error) when (error is IOException or InvalidDataException or Core.Pipeline.UnreadableFileException)
        {
            return false;
        }
    }

    private static bool ManifestNamesEncryption(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        return zip.GetEntry("META-INF/manifest.xml") is { } manifest &&
               ZipEntries.ReadText(manifest, MaxManifestBytes).Contains("encryption-data", StringComparison.Ordinal);
    }
}
