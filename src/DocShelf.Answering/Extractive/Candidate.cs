using DocShelf.Core.Documents;

namespace DocShelf.Answering.Extractive;

/// <summary>
/// One sentence of a retrieved chunk, where it lies, how well its words support the question, and (with an
/// embedding model) how close it is to the question in meaning.
/// </summary>
internal sealed record Candidate(Chunk Chunk, int Start, int End, string Text, double Support, double Score, int ChunkRank)
{
    /// <summary>Cosine similarity to the question; null without a model, or before this sentence's vector is made.</summary>
    public double? Similarity { get; init; }
}
