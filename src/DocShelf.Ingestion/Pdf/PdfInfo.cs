namespace DocShelf.Ingestion.Pdf;

/// <summary>What pdfinfo says about a PDF: how many pages and how big each is as shown (after /Rotate), in points.</summary>
public sealed record PdfInfo(int PageCount, IReadOnlyList<(double Width, double Height)> PageSizes);
