using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// What a directory entry or an open file is, asked of the kernel. Opening a FIFO blocks until something writes to
/// it, and a character device such as /dev/zero never ends, so only regular files may be read. .NET's file
/// attributes call all of these "Normal"; statx(2), whose record layout is the same on every architecture, tells
/// them apart.
/// </summary>
public static partial class FileNature
{
    public const string SymbolicLink = "a symbolic link";

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // stx_mode, a 16-bit field, after mask, blksize, attributes, nlink, uid, gid
    private const ushort TypeMask = 0xF000;

    /// <summary>
    /// Null for a regular file; otherwise what the entry itself is (a final link is not followed). Also null when the
    /// kernel will not say: a missing file is reported where it is opened.
    /// </summary>
    public static string? OfEntry(string path)
    {
        var record = new byte[256];
        return Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, record) == 0 ? Describe(record) : null;
    }

    /// <summary>Null for an open regular file; otherwise what it is. Null too when the kernel will not say.</summary>
    public static string? OfOpened(SafeFileHandle file)
    {
        // A kernel or sandbox that refuses statx itself must not make every file unreadable: the file is then read
        // as before, bounded by the bytes actually read.
        var record = new byte[256];
        return StatxOpened(file, "", AtEmptyPath, StatxType, record) == 0 ? Describe(record) : null;
    }

    private static string? Describe(byte[] record) => (BitConverter.ToUInt16(record, ModeOffset) & TypeMask) switch
    {
        0x8000 => null,
        0xA000 => SymbolicLink,
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        0x4000 => "a folder",
        _ => "not a regular file",
    };

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte[] record);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatxOpened(SafeFileHandle file, string path, int flags, uint mask, byte[] record);
}
