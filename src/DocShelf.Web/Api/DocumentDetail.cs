namespace DocShelf.Web.Api;

/// <summary>The reply of /api/documents/{id}: the document, its pages, and whether page images and the original can be shown.</summary>
public sealed record DocumentDetail(DocumentSummary Document, IReadOnlyList<PageSummary> Pages, bool HasPageImages, string? OriginalProblem);
