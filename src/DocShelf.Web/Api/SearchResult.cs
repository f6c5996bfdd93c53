using DocShelf.Core.Search;

namespace DocShelf.Web.Api;

/// <summary>The reply of /api/search: the query as understood, and its cited hits.</summary>
public sealed record SearchResult(string Query, IReadOnlyList<SearchHit> Hits, double Milliseconds);
