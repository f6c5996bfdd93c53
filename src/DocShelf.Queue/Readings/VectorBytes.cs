using System.Runtime.InteropServices;

namespace DocShelf.Queue.Readings;

/// <summary>Vectors as bytes for the wire and back: float32, in the machine's order, which is little-endian on every machine DocShelf runs on.</summary>
public static class VectorBytes
{
    public static byte[] Of(ReadOnlyMemory<float> vector) => MemoryMarshal.AsBytes(vector.Span).ToArray();

    /// <exception cref="InvalidDataException">The bytes are not <paramref name="dimensions"/> float32 values.</exception>
    public static float[] ToVector(byte[] bytes, int dimensions)
    {
        if (bytes.Length != dimensions * sizeof(float))
        {
            throw new InvalidDataException($"a vector of {bytes.Length} bytes where the shelf's model makes {dimensions} dimensions");
        }

        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
