using System.IO.Compression;

namespace DocShelf.Search.Store;

/// <summary>Brotli as the store uses it for what it packs (<see cref="PackedWords"/>, <see cref="PackedText"/>): quick to write, quicker to read.</summary>
internal static class BrotliBytes
{
    public static byte[] Of(ReadOnlySpan<byte> bytes)
    {
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(bytes);
        }

        return compressed.ToArray();
    }

    /// <summary>A stream of what <paramref name="bytes"/> from <paramref name="offset"/> on decompress to.</summary>
    public static Stream Reading(byte[] bytes, int offset = 0) =>
        new BrotliStream(new MemoryStream(bytes, offset, bytes.Length - offset), CompressionMode.Decompress);
}
