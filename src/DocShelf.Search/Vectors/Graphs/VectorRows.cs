using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// Every saved vector of a collection with its citation, one fixed-size row per key, in key order: what a search
/// re-scores the graphs' candidates from, a read at a known offset each instead of a lookup in the store. Like the
/// graphs it is derived from the store, written before them, and only ever appended to; a graph is used only for
/// keys the rows cover. Row k holds key k: a key never saved (deleted first) has an empty row.
/// </summary>
public sealed class VectorRows : IDisposable
{
    public const string FileName = "rows.bin";

    private const int HeaderSize = 64;
    private const int BlockRows = 4096;
    private const int DocumentBytes = 48;
    private const int ChunkBytes = 128;
    private const int CitationSize = 1 + sizeof(int) + 1 + DocumentBytes + 1 + ChunkBytes;
    private static readonly byte[] Magic = "DSROWS01"u8.ToArray();

    private readonly SafeFileHandle file;
    private readonly int vectorBytes;
    private readonly int rowSize;
    private readonly bool writable;
    private long count;

    private VectorRows(SafeFileHandle file, int vectorBytes, long count, bool writable)
    {
        this.file = file;
        this.vectorBytes = vectorBytes;
        rowSize = CitationSize + vectorBytes;
        this.count = count;
        this.writable = writable;
    }

    /// <summary>The last key with a row: rows cover keys 1 to this.</summary>
    public long LastKey => Interlocked.Read(ref count);

    /// <summary>
    /// The rows file in <paramref name="folder"/>, or none (null) when a reader finds it missing or made for other
    /// vectors. A writer starts a new file in that case, and cuts off a row a kill left half written.
    /// </summary>
    public static VectorRows? Open(string folder, int vectorBytes, bool writable)
    {
        var path = Path.Combine(folder, FileName);
        if (!writable && !File.Exists(path))
        {
            return null;
        }

        if (writable)
        {
            Directory.CreateDirectory(folder);
        }

        var handle = File.OpenHandle(path, writable ? FileMode.OpenOrCreate : FileMode.Open, writable ? FileAccess.ReadWrite : FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        var header = new byte[HeaderSize];
        var fits = length >= HeaderSize && RandomAccess.Read(handle, header, 0) == HeaderSize &&
                   header.AsSpan(0, Magic.Length).SequenceEqual(Magic) && BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8)) == vectorBytes;
        if (!fits && !writable)
        {
            handle.Dispose();
            return null;
        }

        if (!fits)
        {
            RandomAccess.SetLength(handle, 0);
            Magic.CopyTo(header, 0);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), vectorBytes);
            RandomAccess.Write(handle, header, 0);
            length = HeaderSize;
        }

        var rowSize = CitationSize + vectorBytes;
        var rows = (length - HeaderSize) / rowSize;
        if (writable)
        {
            RandomAccess.SetLength(handle, HeaderSize + (rows * rowSize));
        }

        return new VectorRows(handle, vectorBytes, rows, writable);
    }

    /// <summary>
    /// Appends rows for keys <see cref="LastKey"/> + 1 to <paramref name="lastKey"/>, empty where a key has no
    /// vector, and flushes them to the disk before returning.
    /// </summary>
    /// <param name="vectors">In key order, each past <see cref="LastKey"/>; the bytes as the store encodes them.</param>
    public void Append(IEnumerable<(long Key, ChunkVector Citation, byte[] Bytes)> vectors, long lastKey)
    {
        if (!writable)
        {
            throw new InvalidOperationException("The vector rows were opened for reading.");
        }

        var first = LastKey + 1;
        if (lastKey < first)
        {
            return;
        }

        // Written a block of keys at a time, so a save of half a million rows never needs them all in one array.
        var block = new byte[BlockRows * rowSize];
        var start = first;
        foreach (var (key, citation, bytes) in vectors)
        {
            if (key < start || key > lastKey)
            {
                throw new ArgumentException($"Key {key} is not past the rows written, in order, up to {lastKey}.", nameof(vectors));
            }

            for (; key >= start + BlockRows; start += BlockRows)
            {
                WriteBlock(block, start, BlockRows);
            }

            Write(block.AsSpan((int)(key - start) * rowSize, rowSize), citation, bytes);
        }

        for (; start <= lastKey; start += BlockRows)
        {
            WriteBlock(block, start, (int)Math.Min(BlockRows, lastKey - start + 1));
        }

        RandomAccess.FlushToDisk(file);
        Interlocked.Exchange(ref count, lastKey);
    }

    /// <summary>
    /// Reads key <paramref name="key"/>'s row: its citation, and its vector's bytes into <paramref name="bytes"/>
    /// when it is <see cref="RowState.Present"/>.
    /// </summary>
    public RowState TryRead(long key, Span<byte> bytes, out ChunkVector? citation)
    {
        citation = null;
        if (key < 1 || key > LastKey)
        {
            return RowState.Missing;
        }

        Span<byte> row = rowSize <= 4096 ? stackalloc byte[rowSize] : new byte[rowSize];
        if (RandomAccess.Read(file, row, HeaderSize + ((key - 1) * rowSize)) != rowSize || row[0] is not ((byte)RowState.Present or (byte)RowState.InStore))
        {
            return RowState.Missing;
        }

        if (row[0] == (byte)RowState.InStore)
        {
            return RowState.InStore;
        }

        citation = new ChunkVector
        {
            Page = BinaryPrimitives.ReadInt32LittleEndian(row[1..]),
            DocumentId = Text(row.Slice(5, 1 + DocumentBytes)),
            ChunkId = Text(row.Slice(6 + DocumentBytes, 1 + ChunkBytes)),
        };
        row[CitationSize..].CopyTo(bytes);
        return RowState.Present;
    }

    public void Dispose() => file.Dispose();

    /// <summary>Writes the first <paramref name="rows"/> rows of <paramref name="block"/> for keys from <paramref name="start"/>, and clears it for the next.</summary>
    private void WriteBlock(byte[] block, long start, int rows)
    {
        RandomAccess.Write(file, block.AsSpan(0, rows * rowSize), HeaderSize + ((start - 1) * rowSize));
        Array.Clear(block);
    }

    private void Write(Span<byte> row, ChunkVector citation, byte[] bytes)
    {
        if (bytes.Length != vectorBytes)
        {
            throw new ArgumentException($"A vector of {bytes.Length} bytes does not fit rows of {vectorBytes}.", nameof(bytes));
        }

        if (Encoding.UTF8.GetByteCount(citation.DocumentId) > DocumentBytes || Encoding.UTF8.GetByteCount(citation.ChunkId) > ChunkBytes)
        {
            row[0] = (byte)RowState.InStore; // ids longer than a row holds (none DocShelf makes): read from the store
            return;
        }

        row[0] = (byte)RowState.Present;
        BinaryPrimitives.WriteInt32LittleEndian(row[1..], citation.Page);
        row[5] = (byte)Encoding.UTF8.GetBytes(citation.DocumentId, row.Slice(6, DocumentBytes));
        row[6 + DocumentBytes] = (byte)Encoding.UTF8.GetBytes(citation.ChunkId, row.Slice(7 + DocumentBytes, ChunkBytes));
        bytes.CopyTo(row[CitationSize..]);
    }

    private static string Text(ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(field.Slice(1, field[0]));
}
