using System.Runtime.InteropServices;

namespace DocShelf.Search;

/// <summary>
/// The shelf holds every document's text, and its settings may hold the access token: its folders are 0700 and its
/// files 0600 whatever umask DocShelf was started with, so no other local user reads around the owner-only socket.
/// </summary>
public static partial class OwnerOnly
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode OwnerFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Every file and folder this process and the tools it starts create from now on is the owner's alone (umask 077).</summary>
    public static void ForThisProcess()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(0b000_111_111); // the umask it replaces is of no further use
        }
    }

    /// <summary>Makes the folder owner-only, creating it if need be: an existing one is closed to others, so nothing in it can be reached.</summary>
    /// <returns>The folder's full path.</returns>
    public static string Folder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path).FullName;
        }

        var folder = Directory.CreateDirectory(path, FolderMode);
        if ((folder.UnixFileMode & OthersAccess) != 0)
        {
            folder.UnixFileMode = FolderMode;
        }

        return folder.FullName;
    }

    /// <summary>
    /// Closes a file to others. For a copy: copying keeps the source's mode whatever the umask, and an original in an
    /// inbox may be readable by all.
    /// </summary>
    public static void CloseFile(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerFileMode);
        }
    }

    /// <summary>Whether users other than the owner have any access to the file or folder (its group included).</summary>
    public static bool OpenToOthers(string path) => !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersAccess) != 0;

    /// <summary>The mode as chmod writes it: "755".</summary>
    public static string Octal(string path) => OperatingSystem.IsWindows() ? "" : Convert.ToString((int)File.GetUnixFileMode(path), 8);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetUmask(uint mask);
}
