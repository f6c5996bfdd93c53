using System.Text;
using LiteDB;

namespace DocShelf.Search.Store;

/// <summary>
/// A page's or a chunk's text as the store keeps it: compressed with Brotli where that makes it smaller (a page of a
/// paper to about half), as it is otherwise. The store reads both, and text stored before it was compressed.
/// Nothing queries the store by text (the lexical index does that), so compressing it costs only a read's
/// decompression.
/// </summary>
internal static class PackedText
{
    /// <summary>Shorter text is kept as it is: Brotli would save a few bytes at most.</summary>
    private const int ShortestCompressed = 256;

    public static BsonValue Pack(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length < ShortestCompressed)
        {
            return new BsonValue(text);
        }

        var compressed = BrotliBytes.Of(bytes);
        return compressed.Length < bytes.Length ? new BsonValue(compressed) : new BsonValue(text);
    }

    public static string Unpack(BsonValue value)
    {
        if (value.IsString)
        {
            return value.AsString;
        }

        using var reader = new StreamReader(BrotliBytes.Reading(value.AsBinary), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
