using SkiaSharp;

namespace DocShelf.Fixtures.Writers;

/// <summary>One page of a generated PDF: real text (a text layer) or a scanned image with no text at all.</summary>
public abstract record PdfPage
{
    public static PdfPage WithText(string text) => new TextPdfPage(text);

    public static PdfPage Scanned(SKBitmap image) => new ScannedPdfPage(image);

    /// <summary>As much of <paramref name="text"/> as fills <paramref name="columns"/> columns of the page.</summary>
    public static ColumnPdfPage InColumns(string text, int columns) => new(PdfWriter.LayColumns(text, columns));
}
