using DocShelf.Core.Documents;

namespace DocShelf.Search.Footprint;

/// <summary>The kinds of page whose cost on disk differs most: a text layer, a scan read by OCR, or text with no page at all.</summary>
public static class PageKind
{
    public const string BornDigital = "born-digital";
    public const string Scanned = "scanned";
    public const string Text = "text";

    /// <summary>A document with page images is scanned when OCR read at least half its pages, born-digital otherwise.</summary>
    public static string Of(DocumentRecord document) =>
        !document.Kind.HasPageImages() ? Text
        : document.OcrPageCount * 2 >= Math.Max(1, document.PageCount) ? Scanned
        : BornDigital;
}
