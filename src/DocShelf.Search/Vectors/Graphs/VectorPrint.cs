using System.IO.Hashing;
using System.Numerics.Tensors;

namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// A 128-bit hash of a vector as a graph keeps it: scaled to unit length and rounded to signed bytes, as USearch keeps
/// vectors for the cosine metric. Vectors with one print are one point to the graph, so a graph holds one of them as
/// a node and the rest as its copies; the exact vectors stay in the rows, which a search re-scores each copy from.
/// </summary>
public static class VectorPrint
{
    private const float Scale = 127f;

    public static UInt128 Of(ReadOnlySpan<float> vector)
    {
        var length = TensorPrimitives.Norm(vector);
        Span<sbyte> bytes = vector.Length <= 4096 ? stackalloc sbyte[vector.Length] : new sbyte[vector.Length];
        var scale = length > 0 ? Scale / length : 0;
        for (var i = 0; i < vector.Length; i++)
        {
            bytes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * scale), -Scale, Scale);
        }

        return XxHash128.HashToUInt128(System.Runtime.InteropServices.MemoryMarshal.AsBytes(bytes));
    }
}
