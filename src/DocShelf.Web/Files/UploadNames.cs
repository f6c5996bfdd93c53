using System.Globalization;
using System.Text;
using DocShelf.Ingestion.Watching;

namespace DocShelf.Web.Files;

/// <summary>
/// Turns the name a browser sent into a safe file name inside the inbox: no folders, no hidden files, no control or
/// direction-changing characters, short enough for the file system, never a name the inbox walk skips, and never
/// one already taken, even by an upload finishing at the same moment.
/// </summary>
public static class UploadNames
{
    /// <summary>Linux allows 255 bytes a name; room is left for " (12)" and the extension.</summary>
    private const int MaxBytes = 200;

    /// <summary>
    /// The last path segment without control and format characters (a right-to-left override could make
    /// "gpj.exe" read as "exe.jpg") and without leading dots, dashes or "~$"; "upload" when nothing usable is left.
    /// </summary>
    public static string Clean(string? sent)
    {
        var name = (sent ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format)]);
        name = name.Trim().TrimStart('.', '-', ' ', '~', '$');
        name = Shorten(name);
        return name.Length == 0 ? "upload" : name;
    }

    /// <summary>Why the inbox walk would never read a file of this name, or null when it would.</summary>
    public static string? Unreadable(string name) => InboxScanner.Wanted(name)
        ? null
        : $"{name} has a name DocShelf takes for a partial download ({Path.GetExtension(name)}), so it would never be read; rename it and upload it again.";

    /// <summary>
    /// Moves <paramref name="temporary"/> into <paramref name="folder"/> under <paramref name="name"/>, or
    /// "report (2).pdf" after "report.pdf" and so on. Each name is claimed by creating it exclusively, which only
    /// one of two uploads finishing at the same moment can do; the upload then replaces its own empty claim in one
    /// rename. (A move that merely refuses to overwrite checks first and renames after, and lost files that way.)
    /// </summary>
    /// <returns>The path the file now has.</returns>
    public static string MoveToUnused(string temporary, string folder, string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var copy = 1; ; copy++)
        {
            var path = Path.Combine(folder, copy == 1 ? name : $"{stem} ({copy}){extension}");
            try
            {
                new FileStream(path, FileMode.CreateNew, FileAccess.Write).Dispose();
            }
            catch (IOException) when (File.Exists(path) && copy < 10_000)
            {
                continue; // taken: try the next number
            }

            File.Move(temporary, path, overwrite: true);
            return path;
        }
    }

    private static string Shorten(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxBytes)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        extension = Encoding.UTF8.GetByteCount(extension) > 20 ? "" : extension;
        var stem = name[..^extension.Length];
        var keep = new StringBuilder();
        foreach (var element in EnumerateElements(stem))
        {
            if (Encoding.UTF8.GetByteCount(keep + element + extension) > MaxBytes)
            {
                break;
            }

            keep.Append(element);
        }

        return keep + extension;
    }

    /// <summary>The text's characters as a reader sees them, so a cut never splits an accent from its letter.</summary>
    private static IEnumerable<string> EnumerateElements(string text)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            yield return elements.GetTextElement();
        }
    }
}
