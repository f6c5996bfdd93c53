using System.Runtime.InteropServices;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// DocShelf's one rule for paths: it follows no symbolic link inside an inbox or a folder named to `ingest`. The
/// roots themselves are resolved once, when they are named, so an inbox may live behind a link (/srv/inbox pointing
/// at a mounted disk); every path under a root must then be its own real path, with no link in any part of it.
/// </summary>
public static partial class LinkFreePath
{
    /// <summary>The path with every link in it resolved (realpath(3)), or null when some part of it does not exist.</summary>
    public static string? Resolve(string path)
    {
        var resolved = RealPath(Path.GetFullPath(path), 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>A root as DocShelf keeps it: resolved when it exists, else as given (it may be made later).</summary>
    public static string Root(string path) => Resolve(path) ?? Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>Whether the path exists and no part of it is a symbolic link.</summary>
    public static bool Holds(string path) =>
        Resolve(path) is { } real && string.Equals(real, Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)), StringComparison.Ordinal);

    /// <summary>Whether <paramref name="path"/> lies inside <paramref name="root"/>, judged on the text of both.</summary>
    public static bool IsUnder(string path, string root) =>
        Path.GetFullPath(path).StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint memory);
}
