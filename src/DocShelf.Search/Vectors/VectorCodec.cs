using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace DocShelf.Search.Vectors;

/// <summary>Packs vectors into compact byte arrays for LiteDB and unpacks them, in the chosen encoding.</summary>
public static class VectorCodec
{
    public static byte[] Encode(ReadOnlySpan<float> vector, VectorEncoding encoding)
    {
        switch (encoding)
        {
            case VectorEncoding.Half:
                var halves = new Half[vector.Length];
                TensorPrimitives.ConvertToHalf(vector, halves);
                return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
            case VectorEncoding.Bytes:
                // One scale per vector, so each keeps its own range: value ≈ scale × byte.
                var scale = MathF.Abs(TensorPrimitives.MaxMagnitude(vector)) / 127f; // MaxMagnitude keeps the sign
                var bytes = new byte[sizeof(float) + vector.Length];
                MemoryMarshal.Write(bytes, scale);
                for (var i = 0; i < vector.Length; i++)
                {
                    bytes[sizeof(float) + i] = (byte)(sbyte)Math.Clamp(MathF.Round(scale > 0 ? vector[i] / scale : 0), -127, 127);
                }

                return bytes;
            default:
                return MemoryMarshal.AsBytes(vector).ToArray();
        }
    }

    public static void Decode(ReadOnlySpan<byte> bytes, VectorEncoding encoding, Span<float> vector)
    {
        switch (encoding)
        {
            case VectorEncoding.Half:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(bytes), vector);
                break;
            case VectorEncoding.Bytes:
                var scale = MemoryMarshal.Read<float>(bytes);
                var values = MemoryMarshal.Cast<byte, sbyte>(bytes[sizeof(float)..]);
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = values[i] * scale;
                }

                break;
            default:
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(vector);
                break;
        }
    }

    /// <summary>How many bytes a vector of <paramref name="dimensions"/> takes in <paramref name="encoding"/>.</summary>
    public static int ByteCount(int dimensions, VectorEncoding encoding) => encoding switch
    {
        VectorEncoding.Half => dimensions * 2,
        VectorEncoding.Bytes => sizeof(float) + dimensions,
        _ => dimensions * sizeof(float),
    };

    /// <summary>How many dimensions an encoded vector of <paramref name="byteCount"/> bytes holds.</summary>
    public static int Dimensions(int byteCount, VectorEncoding encoding) => encoding switch
    {
        VectorEncoding.Half => byteCount / 2,
        VectorEncoding.Bytes => byteCount - sizeof(float),
        _ => byteCount / sizeof(float),
    };
}
