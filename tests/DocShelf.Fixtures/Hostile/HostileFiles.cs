using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using DocShelf.Fixtures.Writers;

namespace DocShelf.Fixtures.Hostile;

/// <summary>Files that try to break a document reader: broken, empty, disguised, locked, huge or deeply nested.</summary>
public static class HostileFiles
{
    /// <summary>A PDF cut off part-way, as an interrupted download leaves it.</summary>
    public static void TruncatedPdf(string path)
    {
        var whole = path + ".whole";
        PdfWriter.Write(whole, SampleTexts.Pages("harbour-commission-report.txt").Select(PdfPage.WithText), "Harbour");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 3 / 5)]);
        File.Delete(whole);
    }

    /// <summary>
    /// A born-digital page whose font maps a glyph to the control character U+0003, as some typesetters' fonts do:
    /// pdftotext passes it into its XML, which XML forbids.
    /// </summary>
    public static void ControlCharacterPdf(string path) => TextLines(path, ["Harbour dues were \u0003raised in 1894 by a penny a ton."], "/ToUnicode 6 0 R",
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Controls def 1 begincodespacerange <00> <FF> endcodespacerange " +
        "1 beginbfrange <20> <7E> <0020> endbfrange 1 beginbfchar <03> <0003> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end");

    /// <summary>A born-digital page of <paramref name="lines"/> set one under another in Helvetica, as a typesetter breaks them.</summary>
    public static void TextLines(string path, IReadOnlyList<string> lines, string fontExtra = "", string? toUnicode = null)
    {
        var shown = string.Join(" T* ", lines.Select(line => $"({line.Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)}) Tj"));
        HelveticaPage(path, $"BT /F1 12 Tf 14 TL 72 700 Td {shown} ET", fontExtra, toUnicode);
    }

    /// <summary>One US-letter page drawing <paramref name="content"/> in Helvetica, with an optional ToUnicode map for the font.</summary>
    private static void HelveticaPage(string path, string content, string fontExtra = "", string? toUnicode = null)
    {
        List<string> objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            $"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica {fontExtra} >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        ];
        if (toUnicode is not null)
        {
            objects.Add($"<< /Length {toUnicode.Length} >>\nstream\n{toUnicode}\nendstream");
        }

        HandwrittenPdf.Write(path, objects);
    }

    /// <summary>A born-digital page holding a table: each row's cells set at fixed positions, a word or two a cell.</summary>
    public static void TablePdf(string path, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<int> cellX)
    {
        var shown = new System.Text.StringBuilder("BT /F1 10 Tf ");
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Count; c++)
            {
                shown.Append(System.Globalization.CultureInfo.InvariantCulture, $"1 0 0 1 {cellX[c]} {720 - (r * 14)} Tm ({rows[r][c]}) Tj ");
            }
        }

        HelveticaPage(path, shown.Append("ET").ToString());
    }

    /// <summary>A one-page PDF whose page is 200 inches square: 3.6 billion pixels at 300 dpi.</summary>
    public static void EnormousPagePdf(string path) => HandwrittenPdf.Write(path,
    [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] >>",
    ]);

    /// <summary>A PDF whose page holds arrays nested <paramref name="depth"/> deep, to exhaust a recursive parser.</summary>
    public static void DeeplyNestedPdf(string path, int depth = 100_000) => HandwrittenPdf.Write(path,
    [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots {new string('[', depth)}{new string(']', depth)} >>",
    ]);

    /// <summary>A valid PNG whose header claims 60,000 × 60,000 pixels (a decompression bomb).</summary>
    public static void PixelBombPng(string path)
    {
        using var file = File.Create(path);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 60_000);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 60_000);
        header[8] = 8; // bit depth; colour type 0 (grey), no interlace
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "IDAT", Compress(new byte[60_001]));
        WriteChunk(file, "IEND", []);
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typed));
        stream.Write(crc);
    }

    private static byte[] Compress(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(raw);
        }

        return output.ToArray();
    }
}
