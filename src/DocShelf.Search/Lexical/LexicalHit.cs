namespace DocShelf.Search.Lexical;

/// <summary>A chunk matched by the lexical index: its text and where that text starts in its page's text.</summary>
public sealed record LexicalHit(string ChunkId, string DocumentId, int Page, int Start, double Score, string Text);
