namespace DocShelf.Search.Lexical;

/// <summary>A chunk matched by the lexical index, with the query terms found in its text.</summary>
public sealed record LexicalHit(string ChunkId, string DocumentId, int Page, double Score, string Text);
