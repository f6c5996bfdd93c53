using System.Numerics.Tensors;

namespace DocShelf.Models.Embeddings;

/// <summary>Makes one sentence vector from the per-token vectors of one sequence.</summary>
public static class Pooler
{
    /// <param name="tokens">The sequence's token vectors, row after row, padding included.</param>
    /// <param name="length">How many of the rows are real tokens (the rest is padding).</param>
    public static float[] Pool(ReadOnlySpan<float> tokens, int length, int dimensions, Pooling pooling, bool normalize)
    {
        var vector = new float[dimensions];
        if (pooling == Pooling.Cls)
        {
            tokens[..dimensions].CopyTo(vector);
        }
        else
        {
            for (var row = 0; row < length; row++)
            {
                TensorPrimitives.Add(vector, tokens.Slice(row * dimensions, dimensions), vector);
            }

            TensorPrimitives.Divide(vector, Math.Max(1, length), vector);
        }

        if (normalize)
        {
            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }
        }

        return vector;
    }
}
