using DocShelf.Core.Documents;
using LiteDB;

namespace DocShelf.Search.Store;

/// <summary>
/// A page's words as the store keeps them from store schema 4 on: one binary value instead of a document per word,
/// about a seventh of the bytes. Each word is written against the one before it (its start in the page text, its
/// box beside the last box's right edge and line), so most numbers take a byte or two. Coordinates and confidence
/// are kept to a hundredth, far finer than a point or a pixel. From store schema 6 a word whose text is the page's
/// text at its start keeps only its length, since the page keeps that text already (about two fifths of a typeset
/// page's packed words; docs/benchmarks.md (s)). The whole is then compressed with Brotli where that makes it
/// smaller. Values written uncompressed, words written with their text (schemas 4 and 5), and pages stored before
/// schema 4, which hold an array of word documents, still read.
/// </summary>
internal static class PackedWords
{
    /// <summary>The first byte of a value packed with each word's text, not compressed (schemas 4 and 5).</summary>
    private const byte PlainWithText = 1;

    /// <summary>The first byte of a value packed with each word's text, then compressed (schemas 4 and 5).</summary>
    private const byte CompressedWithText = 2;

    /// <summary>The first byte of a value packed against the page's text, not compressed.</summary>
    private const byte Plain = 3;

    /// <summary>The first byte of a value packed against the page's text, then compressed.</summary>
    private const byte Compressed = 4;

    /// <summary>Written where a word's length would be: its text follows, since the page's text does not hold it at its start.</summary>
    private const int TextFollows = 1;

    /// <summary>Numbers are kept in hundredths.</summary>
    private const double Scale = 100;

    public static BsonValue Pack(IReadOnlyList<Word> words, string pageText)
    {
        var plain = PlainBytes(words, pageText);
        var compressed = BrotliBytes.Of(plain);
        return new BsonValue(compressed.Length < plain.Length ? [Compressed, .. compressed] : [Plain, .. plain]);
    }

    public static IReadOnlyList<Word> Unpack(BsonValue value, BsonMapper mapper, string pageText)
    {
        if (value.IsArray)
        {
            return [.. value.AsArray.Select(word => mapper.ToObject<Word>(word.AsDocument))];
        }

        if (!value.IsBinary || value.AsBinary is not [var layout and >= PlainWithText and <= Compressed, ..] packed)
        {
            throw new InvalidDataException("A page's words are stored in a layout this DocShelf does not know.");
        }

        using var stream = layout is Compressed or CompressedWithText ? BrotliBytes.Reading(packed, 1) : new MemoryStream(packed, 1, packed.Length - 1);
        return Read(stream, layout is Plain or Compressed ? pageText : null);
    }

    private static byte[] PlainBytes(IReadOnlyList<Word> words, string pageText)
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
                WriteText(writer, word, pageText);
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

    /// <param name="pageText">The page's text, which holds the words' text; null for words packed with their own.</param>
    private static Word[] Read(Stream body, string? pageText)
    {
        using var reader = new BinaryReader(body);
        var words = new Word[reader.Read7BitEncodedInt()];
        var (start, right, top) = (0, 0L, 0L);
        for (var i = 0; i < words.Length; i++)
        {
            start += (int)ReadSigned(reader);
            var text = pageText is null ? reader.ReadString() : ReadText(reader, pageText, start);
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

    private static void WriteText(BinaryWriter writer, Word word, string pageText)
    {
        var inPageText = word.Text.Length > 0 && word.Start >= 0 && word.Start <= pageText.Length - word.Text.Length &&
                         pageText.AsSpan(word.Start, word.Text.Length).SequenceEqual(word.Text);
        if (inPageText)
        {
            writer.Write7BitEncodedInt(word.Text.Length << 1);
        }
        else
        {
            writer.Write7BitEncodedInt(TextFollows);
            writer.Write(word.Text);
        }
    }

    private static string ReadText(BinaryReader reader, string pageText, int start)
    {
        var length = reader.Read7BitEncodedInt();
        if (length == TextFollows)
        {
            return reader.ReadString();
        }

        length >>= 1;
        return start >= 0 && start <= pageText.Length - length
            ? pageText.Substring(start, length)
            : throw new InvalidDataException("A page's words point past the end of its text.");
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
