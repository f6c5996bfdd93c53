using System.Buffers.Binary;
using System.Text;
using DocShelf.Search.Vectors;

namespace DocShelf.Search.Sentences;

/// <summary>
/// One chunk's sentences as its sentence file holds them: who they belong to, each sentence's span in the chunk's
/// text, and their vectors' bytes one after another in the file's encoding. Laid out as the chunk id and the document
/// id (each a 16-bit length and UTF-8), the page, the count, the spans (two 32-bit numbers each), then the vectors.
/// </summary>
public sealed record SentenceEntry(string ChunkId, string DocumentId, int Page, IReadOnlyList<(int Start, int End)> Spans, byte[] Vectors)
{
    /// <summary>The bytes of sentence <paramref name="index"/>'s vector, each vector <paramref name="vectorBytes"/> long.</summary>
    public ReadOnlySpan<byte> VectorBytes(int index, int vectorBytes) => Vectors.AsSpan(index * vectorBytes, vectorBytes);

    /// <summary>
    /// One chunk's sentences from the records store schema 4 kept per sentence (named by <see cref="SentenceKey.Of"/>),
    /// in the order they stand in the chunk; their bytes are taken as they are.
    /// </summary>
    public static SentenceEntry FromRecords(IReadOnlyList<StoredVector> sentences)
    {
        var ordered = sentences.OrderBy(s => SentenceKey.SpanOf(s.Id)).ToList();
        return new(SentenceKey.ChunkOf(ordered[0].Id), ordered[0].DocumentId, ordered[0].Page, [.. ordered.Select(s => SentenceKey.SpanOf(s.Id))], [.. ordered.SelectMany(s => s.Data)]);
    }

    public byte[] ToBytes()
    {
        var chunk = Encoding.UTF8.GetBytes(ChunkId);
        var document = Encoding.UTF8.GetBytes(DocumentId);
        if (chunk.Length > ushort.MaxValue || document.Length > ushort.MaxValue || Spans.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"Chunk {ChunkId} has ids or sentences past what an entry holds.");
        }

        var bytes = new byte[2 + chunk.Length + 2 + document.Length + 4 + 2 + (Spans.Count * 8) + Vectors.Length];
        var at = Write(bytes, 0, chunk);
        at = Write(bytes, at, document);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), Page);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 4), (ushort)Spans.Count);
        at += 6;
        foreach (var (start, end) in Spans)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), start);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 4), end);
            at += 8;
        }

        Vectors.CopyTo(bytes, at);
        return bytes;
    }

    /// <summary>The entry <paramref name="bytes"/> hold, or null when they are not one whose vectors are <paramref name="vectorBytes"/> long each.</summary>
    public static SentenceEntry? FromBytes(ReadOnlySpan<byte> bytes, int vectorBytes)
    {
        if (Read(bytes, 0) is not var (chunk, afterChunk) || Read(bytes, afterChunk) is not var (document, at) || bytes.Length < at + 6)
        {
            return null;
        }

        var page = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 4)..]);
        at += 6;
        if (bytes.Length != at + (count * 8) + (count * vectorBytes))
        {
            return null;
        }

        var spans = new (int, int)[count];
        for (var i = 0; i < count; i++, at += 8)
        {
            spans[i] = (BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 4)..]));
        }

        return new SentenceEntry(chunk, document, page, spans, bytes[at..].ToArray());
    }

    private static int Write(byte[] bytes, int at, byte[] text)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)text.Length);
        text.CopyTo(bytes, at + 2);
        return at + 2 + text.Length;
    }

    private static (string Text, int Next)? Read(ReadOnlySpan<byte> bytes, int at)
    {
        if (bytes.Length < at + 2)
        {
            return null;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
        return bytes.Length < at + 2 + length ? null : (Encoding.UTF8.GetString(bytes.Slice(at + 2, length)), at + 2 + length);
    }
}
