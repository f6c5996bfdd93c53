using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// Tells what a file is from its bytes, never from its name: a text file named ".pdf" is text, a PDF without an
/// extension is still a PDF, and a zip is judged by what it holds. Only the flavour of a text file (Markdown,
/// AsciiDoc, CSV...), which is text either way, is taken from the name.
/// </summary>
public static class FileTypeSniffer
{
    /// <summary>How much of the file's head is read to judge it.</summary>
    private const int HeadLength = 8192;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] TiffLittleEndian = [0x49, 0x49, 0x2A, 0x00];
    private static readonly byte[] TiffBigEndian = [0x4D, 0x4D, 0x00, 0x2A];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] RtfMagic = @"{\rtf"u8.ToArray();

    /// <summary>Reads <paramref name="readPath"/>; <paramref name="name"/> is the file's name as the user sees it.</summary>
    public static FileKind Sniff(string readPath, string name)
    {
        using var stream = File.OpenRead(readPath);
        return Sniff(stream, name);
    }

    /// <summary>Judges a seekable stream from its head and, for containers, from the names inside.</summary>
    public static FileKind Sniff(Stream stream, string name)
    {
        var head = new byte[HeadLength];
        var length = stream.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false);
        var kind = SniffHead(head.AsSpan(0, length), name);
        stream.Position = 0;
        return kind switch
        {
            FileKind.Unknown when head.AsSpan(0, length).StartsWith(ZipMagic) => ZipContents.KindOf(stream),
            FileKind.Unknown when head.AsSpan(0, length).StartsWith(CompoundFile.Magic) => CompoundFile.KindOf(stream),
            _ => kind,
        };
    }

    /// <summary>Judges the head of a file alone: containers (zip, compound file) need the whole stream and are Unknown here.</summary>
    public static FileKind Sniff(ReadOnlySpan<byte> head, string name) =>
        Sniff(new MemoryStream(head.ToArray(), writable: false), name);

    private static FileKind SniffHead(ReadOnlySpan<byte> head, string name)
    {
        if (head.IsEmpty)
        {
            return FileKind.Unknown;
        }

        if (head.StartsWith(PngMagic))
        {
            return FileKind.Png;
        }

        if (head.StartsWith(JpegMagic))
        {
            return FileKind.Jpeg;
        }

        if (head.StartsWith(TiffLittleEndian) || head.StartsWith(TiffBigEndian))
        {
            return FileKind.Tiff;
        }

        if (head.StartsWith(PdfMagic))
        {
            return FileKind.Pdf;
        }

        if (head.StartsWith(RtfMagic))
        {
            return FileKind.Rtf;
        }

        if (TextDecoding.Detect(head) is { } encoding)
        {
            return TextKinds.Of(TextDecoding.DecodeHead(head, encoding), name);
        }

        // Readers accept a PDF header anywhere in the first kilobyte (after a mail or print-spool preamble);
        // checked after text so a note that merely mentions "%PDF-" stays a note.
        return head[..Math.Min(head.Length, 1024)].IndexOf(PdfMagic) >= 0 ? FileKind.Pdf : FileKind.Unknown;
    }
}
