using System.Buffers.Binary;
using System.Text;

namespace DocShelf.Fixtures.Mail;

/// <summary>
/// Writes a Microsoft compound file ([MS-CFB] version 3: 512-byte sectors, streams under 4,096 bytes in the mini
/// stream), the container Outlook keeps a message in. Storages and streams are given as a tree; siblings are chained
/// to the right, which readers walk like any tree.
/// </summary>
public static class CompoundFileWriter
{
    private const int SectorSize = 512;
    private const int MiniSectorSize = 64;
    private const int MiniCutoff = 4096;
    private const uint Free = 0xFFFFFFFF;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FatSector = 0xFFFFFFFD;

    /// <summary>A stream (with bytes) or a storage (with children).</summary>
    public sealed record Node(string Name, byte[]? Bytes = null, IReadOnlyList<Node>? Children = null);

    public static void Write(string path, IReadOnlyList<Node> root)
    {
        var entries = new List<(Node Node, int Type)> { (new Node("Root Entry", Children: root), 5) };
        Flatten(root, entries);
        var mini = new MemoryStream();
        var miniFat = new List<uint>();
        var big = new List<byte[]>();
        var starts = new uint[entries.Count];
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Node.Bytes is not { } bytes)
            {
                continue;
            }

            if (bytes.Length < MiniCutoff)
            {
                starts[i] = bytes.Length == 0 ? EndOfChain : (uint)miniFat.Count;
                Chain(miniFat, miniFat.Count, Sectors(bytes.Length, MiniSectorSize));
                mini.Write(bytes);
                mini.Write(new byte[Pad(bytes.Length, MiniSectorSize)]);
            }
            else
            {
                big.Add(bytes);
            }
        }

        var directorySectors = Sectors(entries.Count * 128, SectorSize);
        var miniFatSectors = Sectors(miniFat.Count * 4, SectorSize);
        var miniStreamSectors = Sectors((int)mini.Length, SectorSize);
        var bigSectors = big.Sum(b => Sectors(b.Length, SectorSize));
        var dataSectors = directorySectors + miniFatSectors + miniStreamSectors + bigSectors;
        var fatSectors = 1;
        while (fatSectors * (SectorSize / 4) < dataSectors + fatSectors)
        {
            fatSectors++;
        }

        var fat = new List<uint>();
        fat.AddRange(Enumerable.Repeat(FatSector, fatSectors));
        var directoryStart = (uint)fat.Count;
        Chain(fat, fat.Count, directorySectors);
        var miniFatStart = miniFatSectors == 0 ? EndOfChain : (uint)fat.Count;
        Chain(fat, fat.Count, miniFatSectors);
        var miniStreamStart = miniStreamSectors == 0 ? EndOfChain : (uint)fat.Count;
        Chain(fat, fat.Count, miniStreamSectors);
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Node.Bytes is { Length: >= MiniCutoff } bytes)
            {
                starts[i] = (uint)fat.Count;
                Chain(fat, fat.Count, Sectors(bytes.Length, SectorSize));
            }
        }

        starts[0] = miniStreamStart;
        using var output = File.Create(path);
        output.Write(Header(fatSectors, directoryStart, miniFatStart, miniFatSectors));
        output.Write(Padded(Words(fat, fatSectors * SectorSize / 4, Free)));
        output.Write(Padded(Directory(entries, starts, (int)mini.Length)));
        output.Write(Padded(Words(miniFat, miniFatSectors * SectorSize / 4, Free)));
        output.Write(Padded(mini.ToArray()));
        foreach (var bytes in big)
        {
            output.Write(Padded(bytes));
        }
    }

    /// <summary>Entries in order, each storage's children after it; the tree links are set when the directory is written.</summary>
    private static void Flatten(IReadOnlyList<Node> nodes, List<(Node Node, int Type)> entries)
    {
        foreach (var node in nodes)
        {
            entries.Add((node, node.Children is null ? 2 : 1));
            if (node.Children is { } children)
            {
                Flatten(children, entries);
            }
        }
    }

    private static byte[] Directory(List<(Node Node, int Type)> entries, uint[] starts, int miniStreamLength)
    {
        // Nodes are records, equal by value; two alike in different storages must still be two entries.
        var index = new Dictionary<Node, uint>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < entries.Count; i++)
        {
            index[entries[i].Node] = (uint)i;
        }

        var directory = new byte[Sectors(entries.Count * 128, SectorSize) * SectorSize];
        for (var i = directory.Length / 128 - 1; i >= entries.Count; i--)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(directory.AsSpan((i * 128) + 68), Free);
            BinaryPrimitives.WriteUInt32LittleEndian(directory.AsSpan((i * 128) + 72), Free);
            BinaryPrimitives.WriteUInt32LittleEndian(directory.AsSpan((i * 128) + 76), Free);
        }

        var rightOf = new Dictionary<uint, uint>();
        foreach (var (node, _) in entries.Where(e => e.Node.Children is not null))
        {
            for (var c = 0; c + 1 < node.Children!.Count; c++)
            {
                rightOf[index[node.Children[c]]] = index[node.Children[c + 1]];
            }
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var (node, type) = entries[i];
            var entry = directory.AsSpan(i * 128, 128);
            var name = Encoding.Unicode.GetBytes(node.Name);
            name.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)(name.Length + 2));
            entry[66] = (byte)type;
            entry[67] = 1; // black
            BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], Free);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], rightOf.GetValueOrDefault((uint)i, Free));
            BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], node.Children is { Count: > 0 } children ? index[children[0]] : Free);
            var size = i == 0 ? miniStreamLength : node.Bytes?.Length ?? 0;
            BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], type == 1 ? 0 : starts[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[120..], (ulong)size);
        }

        return directory;
    }

    private static byte[] Header(int fatSectors, uint directoryStart, uint miniFatStart, int miniFatSectors)
    {
        var header = new byte[SectorSize];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(24), 0x3E); // minor version
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), 3); // major version: 512-byte sectors
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), 0xFFFE); // little-endian
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(30), 9); // sector shift
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), 6); // mini sector shift
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(44), (uint)fatSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(48), directoryStart);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(56), MiniCutoff);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(60), miniFatStart);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(64), (uint)miniFatSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(68), EndOfChain); // no DIFAT sectors
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(76 + (4 * i)), i < fatSectors ? (uint)i : Free);
        }

        return header;
    }

    private static void Chain(List<uint> table, int start, int length)
    {
        for (var i = 0; i < length; i++)
        {
            table.Add(i == length - 1 ? EndOfChain : (uint)(start + i + 1));
        }
    }

    private static byte[] Words(List<uint> values, int count, uint filler)
    {
        var bytes = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), i < values.Count ? values[i] : filler);
        }

        return bytes;
    }

    private static byte[] Padded(byte[] bytes) => [.. bytes, .. new byte[Pad(bytes.Length, SectorSize)]];

    private static int Sectors(int bytes, int size) => (bytes + size - 1) / size;

    private static int Pad(int bytes, int size) => (size - (bytes % size)) % size;
}
