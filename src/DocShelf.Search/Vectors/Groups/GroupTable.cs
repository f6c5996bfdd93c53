using System.Buffers.Binary;
using System.IO.Hashing;
using System.IO.MemoryMappedFiles;
using System.Text;

namespace DocShelf.Search.Vectors.Groups;

/// <summary>
/// Numbers by group, for <see cref="Sentences.SentenceVectors"/>: the offsets of each chunk's entries in its sentence
/// file, which let a search read the sentences of the chunks it found straight from the file, without a lookup in the
/// store. A hash table in a mapped file, open addressing, kept at most half full; each entry is a group's hash and a
/// run of consecutive numbers (for offsets, a run of one). It is derived from the file: adding is idempotent, entries
/// are flushed before <see cref="CoveredKey"/> records them, and a file that is damaged is started again and filled
/// from the sentence file. Different groups may share a hash; callers check each entry's own chunk.
/// </summary>
public sealed unsafe class GroupTable : IDisposable
{
    public const string FileName = "groups.bin";

    private const int HeaderSize = 64;
    private const int EntrySize = 16;
    private const long FirstCapacity = 1 << 12;
    private const int CountBits = 16;
    private const long MostInRun = (1 << CountBits) - 1;
    private static readonly byte[] Magic = "DSGRPS01"u8.ToArray();

    private readonly string path;
    private readonly bool writable;
    /// <summary>Searches hold it to read; adding holds it to write, and growing swaps the mapping under it.</summary>
    private readonly ReaderWriterLockSlim inUse = new();
    private Mapping mapping;

    private GroupTable(string path, bool writable, Mapping mapping)
    {
        this.path = path;
        this.writable = writable;
        this.mapping = mapping;
    }

    private enum Field
    {
        Capacity = 8,
        Used = 16,
        Covered = 24,
        Dirty = 32,
    }

    /// <summary>How far the table covers: every number below this was added (for offsets, the sentence file's end when they were).</summary>
    public long CoveredKey => ReadHeader(Field.Covered);

    /// <summary>Runs of keys held: about one for each group whose keys were added together.</summary>
    public long Runs => ReadHeader(Field.Used);

    /// <summary>
    /// The table in <paramref name="folder"/>. A writer makes it when missing and starts it again, empty, when it is
    /// damaged, so it is filled from the sentence file; a reader gets none (null) in both cases, and reads the file instead.
    /// </summary>
    public static GroupTable? Open(string folder, bool writable)
    {
        var path = Path.Combine(folder, FileName);
        if (Mapping.Open(path, writable) is { } opened)
        {
            var table = new GroupTable(path, writable, opened);
            if (writable && opened.Read(Field.Dirty) != 0)
            {
                // Killed while adding: the entries stand (adding again is harmless), but the count may be short.
                opened.Write(Field.Used, opened.CountUsed());
            }

            return table;
        }

        if (!writable)
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        return new GroupTable(path, writable, Mapping.Create(path, FirstCapacity, covered: 0));
    }

    /// <summary>The hash a group is kept under; never 0, which marks an empty entry.</summary>
    public static ulong Hash(string group) => Math.Max(1, XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(group)));

    /// <summary>
    /// The keys added under <paramref name="group"/>'s hash, in rising order: the group's own, and those of any other
    /// group that shares its hash.
    /// </summary>
    public List<long> KeysOf(string group)
    {
        var hash = Hash(group);
        var keys = new List<long>();
        inUse.EnterReadLock();
        try
        {
            foreach (var (first, count) in mapping.RunsOf(hash))
            {
                for (var key = first; key < first + count; key++)
                {
                    keys.Add(key);
                }
            }
        }
        finally
        {
            inUse.ExitReadLock();
        }

        keys.Sort();
        return keys;
    }

    /// <summary>
    /// Adds each key under its group, then records that every key up to <paramref name="coveredKey"/> is held. A key
    /// already held is left as it is, so what lies past <see cref="CoveredKey"/> can always be added again.
    /// </summary>
    public void Add(IEnumerable<(long Key, string Group)> keys, long coveredKey)
    {
        if (!writable)
        {
            throw new InvalidOperationException("The group table was opened for reading.");
        }

        inUse.EnterWriteLock();
        try
        {
            mapping.Write(Field.Dirty, 1);
            mapping.Flush();
            foreach (var (key, group) in keys)
            {
                var hash = Hash(group);
                if (2 * (mapping.Read(Field.Used) + 1) > mapping.Capacity)
                {
                    Grow();
                }

                mapping.Add(hash, key);
            }

            mapping.Flush();
            mapping.Write(Field.Covered, Math.Max(coveredKey, mapping.Read(Field.Covered)));
            mapping.Write(Field.Dirty, 0);
            mapping.Flush();
        }
        finally
        {
            inUse.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        inUse.EnterWriteLock();
        try
        {
            mapping.Dispose();
        }
        finally
        {
            inUse.ExitWriteLock();
        }

        inUse.Dispose();
    }

    private long ReadHeader(Field field)
    {
        inUse.EnterReadLock();
        try
        {
            return mapping.Read(field);
        }
        finally
        {
            inUse.ExitReadLock();
        }
    }

    /// <summary>
    /// Moves every entry into a table of twice the room, written beside this one and then put in its place, so a
    /// kill leaves one whole table or the other. A reader that mapped the old file keeps reading it as it was.
    /// </summary>
    private void Grow()
    {
        var next = path + ".next";
        using (var larger = Mapping.Create(next, mapping.Capacity * 2, mapping.Read(Field.Covered)))
        {
            foreach (var (hash, packed) in mapping.Entries())
            {
                larger.Put(hash, packed);
            }

            larger.Write(Field.Used, mapping.Read(Field.Used));
            larger.Flush();
        }

        mapping.Dispose();
        File.Move(next, path, overwrite: true);
        mapping = Mapping.Open(path, writable: true) ?? throw new IOException($"The group table {path} could not be opened again after growing.");
        mapping.Write(Field.Dirty, 1);
    }

    /// <summary>One mapped table file: its header and its entries.</summary>
    private sealed class Mapping : IDisposable
    {
        private readonly MemoryMappedFile file;
        private readonly MemoryMappedViewAccessor view;
        private readonly byte* start;

        private Mapping(MemoryMappedFile file, MemoryMappedViewAccessor view, long capacity)
        {
            this.file = file;
            this.view = view;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            start += view.PointerOffset;
            Capacity = capacity;
        }

        public long Capacity { get; }

        private long Mask => Capacity - 1;

        public static Mapping Create(string path, long capacity, long covered)
        {
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read))
            {
                Span<byte> header = stackalloc byte[HeaderSize];
                header.Clear();
                Magic.CopyTo(header);
                BinaryPrimitives.WriteInt64LittleEndian(header[(int)Field.Capacity..], capacity);
                BinaryPrimitives.WriteInt64LittleEndian(header[(int)Field.Covered..], covered);
                stream.Write(header);
                stream.SetLength(HeaderSize + (capacity * EntrySize));
                stream.Flush(flushToDisk: true);
            }

            return Open(path, writable: true) ?? throw new IOException($"The group table {path} could not be opened once made.");
        }

        /// <summary>The file mapped, or null when it is missing or not a whole table.</summary>
        public static Mapping? Open(string path, bool writable)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var length = new FileInfo(path).Length;
            Span<byte> header = stackalloc byte[HeaderSize];
            using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                if (length < HeaderSize || RandomAccess.Read(handle, header, 0) != HeaderSize || !header[..Magic.Length].SequenceEqual(Magic))
                {
                    return null;
                }
            }

            var capacity = BinaryPrimitives.ReadInt64LittleEndian(header[(int)Field.Capacity..]);
            if (capacity < FirstCapacity || (capacity & (capacity - 1)) != 0 || length != HeaderSize + (capacity * EntrySize))
            {
                return null;
            }

            var access = writable ? MemoryMappedFileAccess.ReadWrite : MemoryMappedFileAccess.Read;
            var file = MemoryMappedFile.CreateFromFile(
                new FileStream(path, FileMode.Open, writable ? FileAccess.ReadWrite : FileAccess.Read, FileShare.ReadWrite | FileShare.Delete),
                null, 0, access, HandleInheritability.None, leaveOpen: false);
            return new Mapping(file, file.CreateViewAccessor(0, 0, access), capacity);
        }

        public long Read(Field field) => *(long*)(start + (int)field);

        public void Write(Field field, long value) => *(long*)(start + (int)field) = value;

        public void Flush() => view.Flush();

        /// <summary>The runs of keys kept under <paramref name="hash"/>, as (first key, count).</summary>
        public List<(long First, long Count)> RunsOf(ulong hash)
        {
            var runs = new List<(long, long)>();
            for (var slot = (long)(hash & (ulong)Mask); HashAt(slot) is var at and not 0UL; slot = (slot + 1) & Mask)
            {
                if (at == hash)
                {
                    runs.Add(Unpack(PackedAt(slot)));
                }
            }

            return runs;
        }

        /// <summary>Adds <paramref name="key"/> under <paramref name="hash"/>, lengthening a run it follows, unless a run holds it.</summary>
        public void Add(ulong hash, long key)
        {
            long? follows = null;
            var slot = (long)(hash & (ulong)Mask);
            for (; HashAt(slot) is var at and not 0UL; slot = (slot + 1) & Mask)
            {
                if (at != hash)
                {
                    continue;
                }

                var (first, count) = Unpack(PackedAt(slot));
                if (key >= first && key < first + count)
                {
                    return;
                }

                if (key == first + count && count < MostInRun)
                {
                    follows = slot;
                }
            }

            if (follows is { } run)
            {
                var (first, count) = Unpack(PackedAt(run));
                Entry(run)[1] = Pack(first, count + 1);
                return;
            }

            // The run before its hash: a search that meets the hash finds a whole run.
            Entry(slot)[1] = Pack(key, 1);
            Entry(slot)[0] = (long)hash;
            Write(Field.Used, Read(Field.Used) + 1);
        }

        /// <summary>Places an entry moved from a smaller table; hashes and runs are already distinct.</summary>
        public void Put(ulong hash, long packed)
        {
            var slot = (long)(hash & (ulong)Mask);
            while (HashAt(slot) != 0)
            {
                slot = (slot + 1) & Mask;
            }

            Entry(slot)[1] = packed;
            Entry(slot)[0] = (long)hash;
        }

        public IEnumerable<(ulong Hash, long Packed)> Entries()
        {
            for (long slot = 0; slot < Capacity; slot++)
            {
                if (HashAt(slot) is var hash and not 0UL)
                {
                    yield return (hash, PackedAt(slot));
                }
            }
        }

        public long CountUsed() => Entries().LongCount();

        public void Dispose()
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
            file.Dispose();
        }

        private static long Pack(long first, long count) => (first << CountBits) | count;

        private static (long First, long Count) Unpack(long packed) => (packed >>> CountBits, packed & MostInRun);

        private long* Entry(long slot) => (long*)(start + HeaderSize + (slot * EntrySize));

        private ulong HashAt(long slot) => (ulong)Volatile.Read(ref Entry(slot)[0]);

        private long PackedAt(long slot) => Volatile.Read(ref Entry(slot)[1]);
    }
}
