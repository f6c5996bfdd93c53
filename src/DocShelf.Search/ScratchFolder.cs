using System.Text.RegularExpressions;

namespace DocShelf.Search;

/// <summary>
/// The data folder's "tmp" folder, where a file is read and a page drawn, each in a work folder of its own that is
/// removed when done. A kill leaves its work folder behind; the next process to open the shelf for writing, the only
/// one that makes them, sweeps every work folder away. Anything else kept there (LibreOffice's profile) stays.
/// </summary>
public static partial class ScratchFolder
{
    public const string Name = "tmp";

    /// <summary>A new, empty work folder; <paramref name="purpose"/> starts its name, so a leftover says what made it.</summary>
    public static string CreateWorkFolder(string scratchDirectory, string? purpose = null) =>
        Directory.CreateDirectory(Path.Combine(scratchDirectory, $"{(purpose is null ? "" : purpose + "-")}{Guid.NewGuid():N}")).FullName;

    /// <summary>Removes every work folder a killed process left; returns how many.</summary>
    public static int Sweep(string scratchDirectory)
    {
        if (!Directory.Exists(scratchDirectory))
        {
            return 0;
        }

        var swept = 0;
        foreach (var entry in new DirectoryInfo(scratchDirectory).EnumerateDirectories().Where(d => WorkFolderName().IsMatch(d.Name)))
        {
            // A link is removed as a link; what it points at is never touched.
            if (entry.LinkTarget is null)
            {
                entry.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }

            swept++;
        }

        return swept;
    }

    [GeneratedRegex("^([a-z]+-)?[0-9a-f]{32}$")]
    private static partial Regex WorkFolderName();
}
