using DocShelf.Ingestion.Intake;

namespace DocShelf.Ingestion.Watching;

/// <summary>Lists the files of an inbox that DocShelf should read: not hidden, and not a download or copy in progress.</summary>
public static class InboxScanner
{
    private static readonly string[] PartialSuffixes = [".part", ".partial", ".crdownload", ".download", ".tmp", ".swp"];

    /// <summary>The inbox's files, walked without following links (see <see cref="FolderWalk"/>).</summary>
    public static IEnumerable<FileInfo> Files(string inbox) => FolderWalk.Files(inbox).Where(f => Wanted(f.FullName));

    /// <summary>Whether a path is one to read: hidden names (".x", "~$x") and partial-download suffixes are not.</summary>
    public static bool Wanted(string path)
    {
        var name = Path.GetFileName(path);
        return name.Length > 0 && name[0] != '.' && !name.StartsWith("~$", StringComparison.Ordinal) &&
               !PartialSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) &&
               !path.Split('/').Any(part => part.StartsWith('.') && part.Length > 1);
    }
}
