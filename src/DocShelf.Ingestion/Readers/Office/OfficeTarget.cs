namespace DocShelf.Ingestion.Readers.Office;

/// <summary>What the office converter lays a document out as.</summary>
public enum OfficeTarget
{
    /// <summary>Pages as PDF: word-processing documents and presentations (a slide a page).</summary>
    Pdf,

    /// <summary>An Excel workbook: OpenDocument spreadsheets, read then as Excel files are.</summary>
    Xlsx,
}
