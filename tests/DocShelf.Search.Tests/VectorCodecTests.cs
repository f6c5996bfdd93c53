using DocShelf.Search.Vectors;

namespace DocShelf.Search.Tests;

public sealed class VectorCodecTests
{
    private static readonly float[] Sample = [.. Enumerable.Range(0, 384).Select(i => MathF.Sin(i * 0.37f) * (1 + (i % 7)))];

    [Theory]
    [InlineData(VectorEncoding.Full, 4 * 384, 0.0, 1)]
    [InlineData(VectorEncoding.Half, 2 * 384, 0.004, 1)]
    [InlineData(VectorEncoding.Bytes, 4 + 384, 0.03, 1)]
    [InlineData(VectorEncoding.Bytes, 4 + 384, 0.03, -1)] // the largest magnitude negative
    public void Vectors_come_back_within_the_encodings_precision(VectorEncoding encoding, int bytes, double tolerance, int sign)
    {
        var vector = Sample.Select(v => v * sign).ToArray();
        var encoded = VectorCodec.Encode(vector, encoding);
        var decoded = new float[vector.Length];
        VectorCodec.Decode(encoded, encoding, decoded);

        Assert.Equal(bytes, encoded.Length);
        var worst = vector.Zip(decoded, (a, b) => Math.Abs(a - b)).Max();
        Assert.InRange(worst, 0, tolerance);
    }
}
