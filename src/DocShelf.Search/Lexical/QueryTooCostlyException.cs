namespace DocShelf.Search.Lexical;

/// <summary>
/// A query whose patterns would cost more than any search may: too many wildcards, too long a pattern, or a pattern
/// that reaches too many words. It is refused before the work starts, with what to change.
/// </summary>
public sealed class QueryTooCostlyException(string message) : Exception(message);
