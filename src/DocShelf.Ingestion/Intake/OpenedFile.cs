using System.Runtime.InteropServices;
using DocShelf.Core.Pipeline;
using Microsoft.Win32.SafeHandles;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// A file opened once, under the path rule, for everything that reads it after. The checks are made on the open file
/// itself, so nothing can be swapped in between a check and a read: the final part may not be a link (O_NOFOLLOW),
/// a FIFO cannot block the open (O_NONBLOCK), the kernel's own name for the opening must be the path asked for (so
/// no folder on the way was a link), and the opening must be a regular file. Tools then read it through
/// <see cref="ReadPath"/>, which reaches this same opening whatever happens to the path meanwhile.
/// </summary>
public sealed partial class OpenedFile : IDisposable
{
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int TooManyLinks = 40; // ELOOP: what O_NOFOLLOW answers for a final link

    private OpenedFile(string path, SafeFileHandle handle)
    {
        Path = path;
        Handle = handle;
        ReadPath = $"/proc/{Environment.ProcessId}/fd/{handle.DangerousGetHandle()}";
    }

    /// <summary>The path that was opened, as the shelf records it.</summary>
    public string Path { get; }

    public SafeFileHandle Handle { get; }

    /// <summary>A path to this opening, for this process and the tools it starts (they run as the same user).</summary>
    public string ReadPath { get; }

    /// <summary>The size the file system reports now; reads are still bounded by the bytes actually read.</summary>
    public long Length => RandomAccess.GetLength(Handle);

    public DateTime LastWriteTimeUtc => File.GetLastWriteTimeUtc(Handle);

    /// <summary>Opens <paramref name="path"/> for reading, or says in an <see cref="UnreadableFileException"/> why it may not be.</summary>
    public static OpenedFile Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (FileNature.OfEntry(full) is { } entry)
        {
            throw Refusal(full, entry);
        }

        var descriptor = OpenDescriptor(full, ReadOnly | NoFollow | NonBlocking | CloseOnExec);
        if (descriptor < 0)
        {
            throw OpenFailure(full, Marshal.GetLastPInvokeError());
        }

        var opened = new OpenedFile(full, new SafeFileHandle(descriptor, ownsHandle: true));
        try
        {
            opened.Check();
            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    /// <summary>A stream over the file that takes the opening over: disposing it closes the file.</summary>
    public FileStream ToStream() => new(Handle, FileAccess.Read, bufferSize: 1 << 16);

    public void Dispose() => Handle.Dispose();

    private static int NoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    private void Check()
    {
        if (FileNature.OfOpened(Handle) is { } nature)
        {
            throw Refusal(Path, nature);
        }

        var name = new FileInfo($"/proc/self/fd/{Handle.DangerousGetHandle()}").LinkTarget
                   ?? throw new UnreadableFileException("/proc is not mounted, so DocShelf cannot check where the file really lies; it reads nothing it cannot check");
        if (!string.Equals(name, Path, StringComparison.Ordinal))
        {
            throw new UnreadableFileException($"it is reached through a symbolic link, {LinkOnPath(Path)}; DocShelf follows no links inside an inbox or a folder named to ingest");
        }
    }

    /// <summary>
    /// A link is named by where it is, never by where it leads: a reason is shown on the page and in status, and a
    /// link's target may be a path that is nobody's business there (/etc/passwd).
    /// </summary>
    private static UnreadableFileException Refusal(string path, string nature) => nature == FileNature.SymbolicLink
        ? new UnreadableFileException("it is a symbolic link; DocShelf follows no links inside an inbox or a folder named to ingest")
        : new UnreadableFileException($"not a regular file: it is {nature}, which DocShelf never reads");

    /// <summary>The nearest folder above <paramref name="path"/> that is a symbolic link, as the path names it.</summary>
    private static string LinkOnPath(string path)
    {
        for (var folder = System.IO.Path.GetDirectoryName(path); !string.IsNullOrEmpty(folder); folder = System.IO.Path.GetDirectoryName(folder))
        {
            if (new DirectoryInfo(folder).LinkTarget is not null)
            {
                return folder;
            }
        }

        return "in its folder path"; // the link was swapped back since the file was opened
    }

    private static Exception OpenFailure(string path, int error) => error switch
    {
        TooManyLinks => Refusal(path, FileNature.SymbolicLink),
        2 => new FileNotFoundException($"{path} is gone", path),
        13 or 1 => new UnauthorizedAccessException($"permission denied: {path}"),
        _ => new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(error)}"),
    };

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenDescriptor(string path, int flags);
}
