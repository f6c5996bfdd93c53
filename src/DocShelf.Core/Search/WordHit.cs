namespace DocShelf.Core.Search;

/// <summary>One place on a page where a query's word stands: the page and the word's characters in the page's text.</summary>
public sealed record WordHit(int Page, int Start, int Length);
