using DocShelf.Core.Documents;
using LiteDB;

namespace DocShelf.Search.Store;

/// <summary>
/// A page's words as the store keeps them from store schema 4 on: one binary value instead of a document per word,
/// about a seventh of the bytes. Each word is written against the one before it (its start in the page text, its
/// box beside the last box's right edge and line), so most numbers take a byte or two. Coordinates and confidence
/// are kept to a hundredth, far finer than a point or a pixel. The whole is then compressed with Brotli where that
/// makes it smaller (about half again for a born-digital page's words; docs/benchmarks.md (s)). Values written
/// uncompressed, and pages stored before schema 4, which hold an array of word documents, still read.
/// </summary>
internal static class PackedWords
{
    /// <summary>The first byte of a value packed but not compressed.</summary>
    private const byte Plain = 1;

    /// <summary>The first byte of a value packed and then compressed.</summary>
    private const byte Compressed = 2;

    /// <summary>Numbers are kept in hundredths.</summary>
    private const double Scale = 100;

    public static BsonValue Pack(IReadOnlyList<Word> words)
    {
        var plain = PlainBytes(words);
        var compressed = BrotliBytes.Of(plain);
        return new BsonValue(compressed.Length < plain.Length ? [Compressed, .. compressed] : [Plain, .. plain]);
    }

    public static IReadOnlyList<Word> Unpack(BsonValue value, BsonMapper mapper)
    {
        if (value.IsArray)
        {
            return [.. value.AsArray.Select(word => mapper.ToObject<Word>(word.AsDocument))];
        }

        if (!value.IsBinary || value.AsBinary is not [var layout and (Plain or Compressed), ..] packed)
        {
            throw new InvalidDataException("A page's words are stored in a layout this DocShelf does not know.");
        }

        using var stream = layout == Compressed ? BrotliBytes.Reading(packed, 1) : new MemoryStream(packed, 1, packed.Length - 1);
        return Read(stream);
    }

    private static byte[] PlainBytes(IReadOnlyList<Word> words)
    {
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes))
        {
            writer.Write7BitEncodedInt(words.Count);
            var (start, right, top) = (0, 0L, 0L);
            foreach (var word in words)
            {
                var (x, y, width, height) = (Hundredths(word.Box.X), Hundredths(word.Box.Y), Hundredths(word.Box.Width), Hundredths(word.Box.Height));
                WriteSigned(writer, word.Start - start);
                writer.Write(word.Text);
                WriteSigned(writer, x - right);
                WriteSigned(writer, y - top);
                WriteSigned(writer, width);
                WriteSigned(writer, height);
                WriteSigned(writer, Hundredths(word.Confidence));
                (start, right, top) = (word.Start, x + width, y);
            }
        }

        return bytes.ToArray();
    }

    private static Word[] Read(Stream body)
    {
        using var reader = new BinaryReader(body);
        var words = new Word[reader.Read7BitEncodedInt()];
        var (start, right, top) = (0, 0L, 0L);
        for (var i = 0; i < words.Length; i++)
        {
            start += (int)ReadSigned(reader);
            var text = reader.ReadString();
            var x = right + ReadSigned(reader);
            var y = top + ReadSigned(reader);
            var width = ReadSigned(reader);
            var height = ReadSigned(reader);
            var confidence = ReadSigned(reader);
            words[i] = new Word { Text = text, Start = start, Box = new Box(x / Scale, y / Scale, width / Scale, height / Scale), Confidence = confidence / Scale };
            (right, top) = (x + width, y);
        }

        return words;
    }

    private static long Hundredths(double value) => double.IsFinite(value) ? (long)Math.Round(value * Scale) : 0;

    /// <summary>Zigzag, so a small negative number is as short as a small positive one.</summary>
    private static void WriteSigned(BinaryWriter writer, long value) => writer.Write7BitEncodedInt64((value << 1) ^ (value >> 63));

    private static long ReadSigned(BinaryReader reader)
    {
        var zigzag = reader.Read7BitEncodedInt64();
        return (long)((ulong)zigzag >> 1) ^ -(zigzag & 1);
    }
}
