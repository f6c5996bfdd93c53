using DocShelf.Core.Search;

namespace DocShelf.Search.Hybrid;

/// <summary>
/// A chunk a search found, with its text and what it matched: all that ranking needs, before the citation (document
/// record, snippet) that only the results shown are given.
/// </summary>
public sealed record MatchedChunk(string ChunkId, string DocumentId, int Page, string Text, double Score, HitMatch Match);
