using DocShelf.Core.Search;

namespace DocShelf.Search.Hybrid;

/// <summary>
/// A chunk a search ranked, with what it matched: all that ordering the results needs. Its text and page are read,
/// and its citation made, only for the results shown.
/// </summary>
public sealed record MatchedChunk(string ChunkId, string DocumentId, double Score, HitMatch Match);
