using DocShelf.Search.Sentences;
using DocShelf.Search.Vectors;

namespace DocShelf.Search.Semantic;

/// <summary>The vectors made of some chunks: one per chunk, and their sentences' when the shelf keeps those.</summary>
public sealed record ChunkEmbeddings(IReadOnlyList<ChunkVector> Chunks, IReadOnlyList<ChunkSentences> Sentences);
