using System.Text.Unicode;
using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// Tells what a file is from its first bytes, never from its name: a text file named ".pdf" is text,
/// and a PDF without an extension is still a PDF. Only Markdown, which is text either way, looks at the name.
/// </summary>
public static class FileTypeSniffer
{
    /// <summary>How much of the file is read to judge it.</summary>
    private const int HeadLength = 8192;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] TiffLittleEndian = [0x49, 0x49, 0x2A, 0x00];
    private static readonly byte[] TiffBigEndian = [0x4D, 0x4D, 0x00, 0x2A];
    private static readonly string[] MarkdownExtensions = [".md", ".markdown"];

    /// <summary>Reads the head of <paramref name="readPath"/>; <paramref name="name"/> is the file's name as the user sees it.</summary>
    public static FileKind Sniff(string readPath, string name)
    {
        using var stream = File.OpenRead(readPath);
        var head = new byte[HeadLength];
        var length = stream.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false);
        return Sniff(head.AsSpan(0, length), name);
    }

    public static FileKind Sniff(ReadOnlySpan<byte> head, string name)
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

        if (LooksLikeText(head))
        {
            return MarkdownExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)
                ? FileKind.Markdown
                : FileKind.PlainText;
        }

        // Readers accept a PDF header anywhere in the first kilobyte (after a mail or print-spool preamble);
        // checked after text so a note that merely mentions "%PDF-" stays a note.
        return head[..Math.Min(head.Length, 1024)].IndexOf(PdfMagic) >= 0 ? FileKind.Pdf : FileKind.Unknown;
    }

    /// <summary>UTF-8 (or ASCII) with no NUL bytes and almost no control characters.</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0))
        {
            return false;
        }

        // The sample may end inside a multi-byte character; drop up to three trailing bytes before validating.
        var valid = false;
        for (var trim = 0; trim <= 3 && trim < head.Length && !valid; trim++)
        {
            valid = Utf8.IsValid(head[..^trim]);
        }

        if (!valid)
        {
            return false;
        }

        var controls = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C)
            {
                controls++;
            }
        }

        return controls * 100 < head.Length;
    }
}
