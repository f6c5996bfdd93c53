using System.Text;
using DocShelf.Core.Documents;
using DocShelf.Ingestion.Intake;

namespace DocShelf.Ingestion.Tests;

public class FileTypeSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A }, "scan.bin", FileKind.Pdf)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "photo.pdf", FileKind.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16 }, "page", FileKind.Jpeg)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0 }, "page.png", FileKind.Tiff)]
    [InlineData(new byte[] { 0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8 }, "page.txt", FileKind.Tiff)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00 }, "letter.docx", FileKind.Unknown)]
    [InlineData(new byte[] { }, "empty.txt", FileKind.Unknown)]
    public void The_type_comes_from_the_bytes_not_the_name(byte[] head, string name, FileKind expected)
    {
        Assert.Equal(expected, FileTypeSniffer.Sniff(head, name));
    }

    [Fact]
    public void Text_named_pdf_is_text()
    {
        Assert.Equal(FileKind.PlainText, FileTypeSniffer.Sniff("Harbour dues for 1894."u8, "report.pdf"));
    }

    [Theory]
    [InlineData("guide.md", FileKind.Markdown)]
    [InlineData("guide.MARKDOWN", FileKind.Markdown)]
    [InlineData("guide.txt", FileKind.PlainText)]
    [InlineData("README", FileKind.PlainText)]
    public void Text_is_markdown_only_by_its_extension(string name, FileKind expected)
    {
        Assert.Equal(expected, FileTypeSniffer.Sniff("# Cataloguing\n\n- a title\n"u8, name));
    }

    [Fact]
    public void A_pdf_header_after_a_binary_preamble_within_the_first_kilobyte_is_a_pdf()
    {
        var head = new byte[600];
        head[0] = 0x00; // a spool header that is not text
        "%PDF-1.4\n"u8.CopyTo(head.AsSpan(500));
        Assert.Equal(FileKind.Pdf, FileTypeSniffer.Sniff(head, "spooled"));
    }

    [Fact]
    public void A_note_that_mentions_a_pdf_header_stays_a_note()
    {
        Assert.Equal(FileKind.PlainText, FileTypeSniffer.Sniff("Files begin with %PDF-1.7 as their header."u8, "note.txt"));
    }

    [Fact]
    public void Utf8_text_cut_inside_a_character_at_the_sample_edge_is_still_text()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('é', 5000));
        Assert.Equal(FileKind.PlainText, FileTypeSniffer.Sniff(bytes.AsSpan(0, 8191), "accents.txt"));
    }

    [Fact]
    public void Binary_bytes_are_not_text_whatever_the_name()
    {
        Assert.Equal(FileKind.Unknown, FileTypeSniffer.Sniff([0x01, 0x02, 0x03, 0x04, 0x05, 0x06], "data.txt"));
        Assert.Equal(FileKind.Unknown, FileTypeSniffer.Sniff([0x48, 0x00, 0x01, 0x9C, 0xFF, 0x00, 0x10, 0x02], "data.txt"));
    }

    [Fact]
    public void Sniffing_a_file_reads_its_first_bytes()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0xFF, 0xD8, 0xFF, 0xDB, 0x00]);
            Assert.Equal(FileKind.Jpeg, FileTypeSniffer.Sniff(path, path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
