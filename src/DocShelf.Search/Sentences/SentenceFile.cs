using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace DocShelf.Search.Sentences;

/// <summary>
/// A model's sentence vectors, one entry per chunk (<see cref="SentenceEntry"/>), only ever appended to: the one place
/// they are kept. Each entry is framed by its length and a CRC-32 of its bytes, and flushed to the disk before the
/// store records it (<see cref="SentenceFileInfo.End"/>), so a kill leaves at most a tail the store never
/// acknowledged, which a writer cuts off. An entry replaced or deleted stays where it is until the file is written
/// again; the store's pointers say which entry is a chunk's.
/// </summary>
public sealed class SentenceFile : IDisposable
{
    public const string Extension = ".sentences";

    /// <summary>Where the first entry starts: the end of an empty file.</summary>
    public const long HeaderSize = 64;

    private const int FrameSize = 2 * sizeof(uint);

    /// <summary>Bytes read at once for an entry; most entries (a chunk's five or so sentences) fit.</summary>
    private const int FirstRead = 4096;

    private static readonly byte[] Magic = "DSSENT01"u8.ToArray();

    private readonly SafeFileHandle file;
    private readonly int vectorBytes;
    private readonly bool writable;
    private long end;

    private SentenceFile(SafeFileHandle file, int vectorBytes, long end, bool writable)
    {
        this.file = file;
        this.vectorBytes = vectorBytes;
        this.end = end;
        this.writable = writable;
    }

    /// <summary>Where the last entry ends: entries lie between <see cref="HeaderSize"/> and this.</summary>
    public long End => Interlocked.Read(ref end);

    /// <summary>
    /// Opens the file at <paramref name="path"/> for appending, made when missing, and cuts off what lies past
    /// <paramref name="acknowledged"/>. A file shorter than that, or made for vectors of another size, lost entries
    /// the store counts on: <see cref="End"/> then says where its last whole entry ends, and the caller forgets the
    /// rest so it is embedded again.
    /// </summary>
    public static SentenceFile OpenForWriting(string path, int vectorBytes, long acknowledged)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var length = RandomAccess.GetLength(handle);
            if (!HasHeader(handle, vectorBytes))
            {
                WriteHeader(handle, vectorBytes);
                return new SentenceFile(handle, vectorBytes, HeaderSize, writable: true);
            }

            var opened = new SentenceFile(handle, vectorBytes, Math.Min(length, Math.Max(acknowledged, HeaderSize)), writable: true);
            if (length < acknowledged)
            {
                opened.end = opened.Scan(HeaderSize).Select(e => e.Offset + e.Length).LastOrDefault(HeaderSize);
            }

            RandomAccess.SetLength(handle, opened.End);
            return opened;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The file at <paramref name="path"/> for reading up to <paramref name="acknowledged"/>, or null when it is missing or made for other vectors.</summary>
    public static SentenceFile? OpenForReading(string path, int vectorBytes, long acknowledged)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (!HasHeader(handle, vectorBytes))
        {
            handle.Dispose();
            return null;
        }

        return new SentenceFile(handle, vectorBytes, Math.Min(RandomAccess.GetLength(handle), Math.Max(acknowledged, HeaderSize)), writable: false);
    }

    /// <summary>Appends the entries, flushes them to the disk, and gives each one's offset.</summary>
    public IReadOnlyList<long> Append(IReadOnlyList<SentenceEntry> entries)
    {
        if (!writable)
        {
            throw new InvalidOperationException("The sentence file was opened for reading.");
        }

        var offsets = new List<long>(entries.Count);
        var at = End;
        using var buffer = new MemoryStream();
        Span<byte> frame = stackalloc byte[FrameSize];
        foreach (var entry in entries)
        {
            var payload = entry.ToBytes();
            BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(frame[sizeof(uint)..], Crc32.HashToUInt32(payload));
            offsets.Add(at + buffer.Length);
            buffer.Write(frame);
            buffer.Write(payload);
        }

        RandomAccess.Write(file, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), at);
        RandomAccess.FlushToDisk(file);
        Interlocked.Exchange(ref end, at + buffer.Length);
        return offsets;
    }

    /// <summary>The entry at <paramref name="offset"/>, or null when none whole starts there.</summary>
    public SentenceEntry? Read(long offset) => ReadFrame(offset) is var (entry, _) ? entry : null;

    /// <summary>Every whole entry from <paramref name="from"/> to <see cref="End"/>, in order, with its offset and framed length; stops at damage.</summary>
    public IEnumerable<(long Offset, long Length, SentenceEntry Entry)> Scan(long from)
    {
        for (var at = from; at < End && ReadFrame(at) is var (entry, length);)
        {
            yield return (at, length, entry);
            at += length;
        }
    }

    public void Dispose() => file.Dispose();

    private (SentenceEntry Entry, long Length)? ReadFrame(long offset)
    {
        var available = End - offset;
        if (offset < HeaderSize || available < FrameSize)
        {
            return null;
        }

        var first = new byte[(int)Math.Min(FirstRead, available)];
        if (RandomAccess.Read(file, first, offset) != first.Length)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(first);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(first.AsSpan(sizeof(uint)));
        if (length > available - FrameSize)
        {
            return null;
        }

        var payload = first.Length >= FrameSize + length ? first.AsSpan(FrameSize, (int)length) : ReadWhole(offset + FrameSize, (int)length);
        return Crc32.HashToUInt32(payload) == crc && SentenceEntry.FromBytes(payload, vectorBytes) is { } entry
            ? (entry, FrameSize + length)
            : null;
    }

    private byte[] ReadWhole(long offset, int length)
    {
        var bytes = new byte[length];
        return RandomAccess.Read(file, bytes, offset) == length ? bytes : [];
    }

    private static bool HasHeader(SafeFileHandle handle, int vectorBytes)
    {
        var header = new byte[HeaderSize];
        return RandomAccess.GetLength(handle) >= HeaderSize && RandomAccess.Read(handle, header, 0) == HeaderSize &&
               header.AsSpan(0, Magic.Length).SequenceEqual(Magic) && BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(Magic.Length)) == vectorBytes;
    }

    private static void WriteHeader(SafeFileHandle handle, int vectorBytes)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(Magic.Length), vectorBytes);
        RandomAccess.SetLength(handle, 0);
        RandomAccess.Write(handle, header, 0);
        RandomAccess.FlushToDisk(handle);
    }
}
