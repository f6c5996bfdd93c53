using DocShelf.Core.Documents;

namespace DocShelf.Answering.Extractive;

/// <summary>One sentence of a retrieved chunk, where it lies, and how well it supports the question.</summary>
internal sealed record Candidate(Chunk Chunk, int Start, int End, string Text, double Support, double Score, int ChunkRank);
