namespace DocShelf.Ingestion.Pdf;

/// <summary>
/// What pdfinfo says about a PDF: how many pages and how big each is as shown (after /Rotate), in points, and the
/// title and author its document information names, if any.
/// </summary>
public sealed record PdfInfo(int PageCount, IReadOnlyList<(double Width, double Height)> PageSizes, string? Title = null, string? Author = null);
