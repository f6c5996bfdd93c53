using DocShelf.Core.Search;

namespace DocShelf.Web.Api;

/// <summary>The reply of /api/documents/{id}/hits: every place the query's words stand in the document, in page order.</summary>
public sealed record DocumentHits(string DocumentId, string Query, int Count, int Pages, IReadOnlyList<WordHit> Hits);
