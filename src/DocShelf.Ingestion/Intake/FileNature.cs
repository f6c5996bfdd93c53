using System.Runtime.InteropServices;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// What a path names, asked of the kernel before anything opens it. Opening a FIFO blocks until something writes
/// to it, and a character device such as /dev/zero never ends, so only regular files may be read. .NET's file
/// attributes call all of these "Normal"; statx(2), whose record layout is the same on every architecture, tells
/// them apart. Links are followed, so a link to a FIFO is a FIFO.
/// </summary>
public static partial class FileNature
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // stx_mode, a 16-bit field, after mask, blksize, attributes, nlink, uid, gid
    private const ushort TypeMask = 0xF000;

    /// <summary>Null for a regular file; otherwise what the path is instead, for a quarantine reason.</summary>
    public static string? NotRegular(string path)
    {
        var record = new byte[256];
        if (Statx(AtFdCwd, path, 0, StatxType, record) != 0)
        {
            // A missing file is reported where it is read. A kernel or sandbox that refuses statx itself must not
            // make every file unreadable: the file is then read as before, bounded by the bytes actually read.
            return null;
        }

        return (BitConverter.ToUInt16(record, ModeOffset) & TypeMask) switch
        {
            0x8000 => null,
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            0x4000 => "a folder",
            _ => "not a regular file",
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte[] record);
}
