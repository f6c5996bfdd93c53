using DocShelf.Search.Vectors;

namespace DocShelf.Search.Tests;

/// <summary>
/// Seeded random vectors and records for the vector collection tests, the same on every run, and a cosine in double
/// precision to hold the collections' scores to.
/// </summary>
internal sealed class RandomVectors(int dimensions, int seed)
{
    private readonly Random random = new(seed);

    public float[] Vector() => [.. Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];

    /// <summary>Records spread over documents of ten chunks each: doc-0 holds chunks 0-9, doc-1 10-19, and so on.</summary>
    public List<ChunkVector> Records(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ChunkVector { ChunkId = $"doc-{i / 10}/1/{i % 10}", DocumentId = $"doc-{i / 10}", Page = 1, Vector = Vector() })];

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
