using System.Runtime.InteropServices;

namespace DocShelf.Search.Snapshots;

/// <summary>
/// Puts a second name on a file that never changes once written (an index segment, a page image, a model file), so
/// a snapshot of thousands of them takes no time and no space while the shelf is paused. Where the file system
/// cannot link (another device, or no hard links at all), the file is copied instead.
/// </summary>
public static partial class FileLinks
{
    /// <summary>Links or copies <paramref name="source"/> to <paramref name="target"/>, making its folder.</summary>
    public static void LinkOrCopy(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (link(source, target) != 0)
        {
            File.Copy(source, target);
        }
    }

    /// <summary>Links or copies every file under <paramref name="source"/> into the same places under <paramref name="target"/>.</summary>
    /// <param name="include">Which folders and files below the source to take, by their path relative to it.</param>
    public static int LinkOrCopyTree(string source, string target, Func<string, bool>? include = null)
    {
        if (!Directory.Exists(source))
        {
            return 0;
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (include?.Invoke(relative) ?? true)
            {
                LinkOrCopy(file, Path.Combine(target, relative));
                count++;
            }
        }

        return count;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int link(string existing, string created);
}
