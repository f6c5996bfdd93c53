using DocShelf.Core.Search;

namespace DocShelf.Web.Api;

/// <summary>The reply of /api/search: the query as understood and its cited results, named as in `docshelf search --json`.</summary>
public sealed record SearchResult(string Query, SearchMode Mode, IReadOnlyList<SearchHit> Results, double Milliseconds);
