using System.Numerics.Tensors;

namespace DocShelf.Search.Vectors;

/// <summary>The one way a vector is scored against a query, wherever it is read from, so the same vector always scores the same.</summary>
public static class Similarity
{
    /// <summary>The cosine similarity, held within −1 to 1 where rounding would carry it a hair past.</summary>
    public static float Cosine(ReadOnlySpan<float> query, ReadOnlySpan<float> vector) =>
        Math.Clamp(TensorPrimitives.CosineSimilarity(query, vector), -1f, 1f);

    /// <summary>
    /// Orders scored vectors worst first: the lower score, or of equal scores the higher chunk id, as results are
    /// ordered, so equal scores give the same results wherever they were found.
    /// </summary>
    public static readonly Comparer<(float Score, string ChunkId)> WorstFirst = Comparer<(float Score, string ChunkId)>.Create(
        (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(b.ChunkId, a.ChunkId));
}
