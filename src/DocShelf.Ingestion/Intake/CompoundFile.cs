using System.Buffers.Binary;
using System.Text;
using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// What a Microsoft compound file (the container of Word 97, Excel 97, PowerPoint 97 and Outlook .msg files) holds,
/// from the names in its directory: "WordDocument", "Workbook", "PowerPoint Document", or Outlook's "__substg1.0_"
/// properties, or an Office 2007+ package encrypted with a password ("EncryptedPackage"). Only the header, the FAT sectors on the directory's chain and the directory itself are read
/// ([MS-CFB]), each bounded, so a looping or truncated file ends the walk instead of the worker.
/// </summary>
public static class CompoundFile
{
    public static readonly byte[] Magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The name of the stream an office file encrypted with a password keeps its real package in.</summary>
    public const string EncryptedPackage = "EncryptedPackage";

    private const int HeaderLength = 512;
    private const int EntryLength = 128;
    private const int HeaderDifatEntries = 109;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const int MaxDirectorySectors = 4096;
    private const int MaxFatSectors = 1 << 16;

    public static FileKind KindOf(Stream stream)
    {
        var names = DirectoryNames(stream);
        if (names.Contains(EncryptedPackage))
        {
            return FileKind.ProtectedOffice;
        }

        if (names.Contains("WordDocument"))
        {
            return FileKind.Doc;
        }

        if (names.Contains("Workbook") || names.Contains("Book"))
        {
            return FileKind.Xls;
        }

        if (names.Contains("PowerPoint Document"))
        {
            return FileKind.Ppt;
        }

        return names.Any(n => n.StartsWith("__substg1.0_", StringComparison.Ordinal) || n.StartsWith("__properties_version1.0", StringComparison.Ordinal))
            ? FileKind.OutlookMessage
            : FileKind.Unknown;
    }

    /// <summary>Every name in the file's directory; empty when the file is not a readable compound file.</summary>
    public static HashSet<string> DirectoryNames(Stream stream) => [.. Entries(stream).Keys];

    /// <summary>
    /// Whether a Word 97 document says it is encrypted: the fEncrypted bit of its File Information Block, at the head
    /// of the "WordDocument" stream ([MS-DOC] 2.5.2), which is always long enough to sit in ordinary sectors.
    /// </summary>
    public static bool IsEncryptedWordDocument(Stream stream)
    {
        const int FlagsOffset = 0x0B;
        if (!Entries(stream).TryGetValue("WordDocument", out var entry) || entry.Size < 4096)
        {
            return false;
        }

        var header = new byte[HeaderLength];
        stream.Position = 0;
        stream.ReadExactly(header);
        stream.Position = ((entry.Start + 1L) << BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30))) + FlagsOffset;
        return (stream.ReadByte() & 0x01) != 0;
    }

    /// <summary>Every entry of the file's directory with its first sector and size; empty when it is not a readable compound file.</summary>
    private static Dictionary<string, (uint Start, long Size)> Entries(Stream stream)
    {
        var names = new Dictionary<string, (uint Start, long Size)>(StringComparer.Ordinal);
        try
        {
            var header = new byte[HeaderLength];
            stream.Position = 0;
            if (stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength || !header.AsSpan().StartsWith(Magic))
            {
                return names;
            }

            var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            if (sectorShift is not (9 or 12))
            {
                return names;
            }

            var layout = new Layout(stream, 1 << sectorShift, FatSectors(stream, header, 1 << sectorShift));
            ReadDirectory(layout, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(48)), names);
        }
        catch (EndOfStreamException)
        {
            // A truncated file: the names read so far are all there are.
        }

        return names;
    }

    private static void ReadDirectory(Layout layout, uint sector, Dictionary<string, (uint Start, long Size)> names)
    {
        var buffer = new byte[layout.SectorSize];
        var visited = new HashSet<uint>();
        while (sector < EndOfChain && visited.Count < MaxDirectorySectors && visited.Add(sector))
        {
            layout.ReadSector(sector, buffer);
            for (var offset = 0; offset + EntryLength <= buffer.Length; offset += EntryLength)
            {
                var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 64));
                if (buffer[offset + 66] != 0 && nameBytes is >= 2 and <= 64)
                {
                    names.TryAdd(
                        Encoding.Unicode.GetString(buffer, offset, nameBytes - 2),
                        (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 116)), BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(offset + 120))));
                }
            }

            sector = layout.Next(sector);
        }
    }

    /// <summary>Where each FAT sector is: the first 109 are named in the header, the rest in the DIFAT chain.</summary>
    private static List<uint> FatSectors(Stream stream, byte[] header, int sectorSize)
    {
        var count = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(44)), MaxFatSectors);
        var sectors = new List<uint>(count);
        for (var i = 0; i < HeaderDifatEntries && sectors.Count < count; i++)
        {
            sectors.Add(BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(76 + (4 * i))));
        }

        var difat = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(68));
        var buffer = new byte[sectorSize];
        var visited = new HashSet<uint>();
        while (sectors.Count < count && difat < EndOfChain && visited.Add(difat))
        {
            stream.Position = (difat + 1L) * sectorSize;
            stream.ReadExactly(buffer);
            for (var i = 0; i < (sectorSize / 4) - 1 && sectors.Count < count; i++)
            {
                sectors.Add(BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(4 * i)));
            }

            difat = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(sectorSize - 4));
        }

        return sectors;
    }

    private sealed class Layout(Stream stream, int sectorSize, List<uint> fatSectors)
    {
        private readonly byte[] entry = new byte[4];

        public int SectorSize => sectorSize;

        public void ReadSector(uint sector, byte[] buffer)
        {
            stream.Position = (sector + 1L) * sectorSize;
            stream.ReadExactly(buffer);
        }

        /// <summary>The sector after <paramref name="sector"/> in its chain, from the one FAT entry that says.</summary>
        public uint Next(uint sector)
        {
            var perSector = sectorSize / 4;
            var fatIndex = (int)(sector / perSector);
            if (fatIndex >= fatSectors.Count)
            {
                return EndOfChain;
            }

            stream.Position = ((fatSectors[fatIndex] + 1L) * sectorSize) + (4 * (sector % perSector));
            stream.ReadExactly(entry);
            return BinaryPrimitives.ReadUInt32LittleEndian(entry);
        }
    }
}
