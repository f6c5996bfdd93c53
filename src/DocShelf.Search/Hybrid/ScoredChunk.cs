namespace DocShelf.Search.Hybrid;

/// <summary>A chunk one of the rankings found, with the document it belongs to and that ranking's score for it.</summary>
public sealed record ScoredChunk(string ChunkId, string DocumentId, double Score);
