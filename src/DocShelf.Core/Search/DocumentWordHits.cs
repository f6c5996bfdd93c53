namespace DocShelf.Core.Search;

/// <summary>How often a query's words stand in one document (every page, not only the results shown) and on how many pages.</summary>
public sealed record DocumentWordHits(string DocumentId, int Count, int Pages);
