namespace DocShelf.Search.Sentences;

/// <summary>The vectors of one chunk's sentences, each with its span in the chunk's text, as they are stored.</summary>
public sealed record ChunkSentences(string ChunkId, string DocumentId, int Page, IReadOnlyList<SentenceVector> Sentences);
