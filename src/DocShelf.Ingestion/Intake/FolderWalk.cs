using System.IO.Enumeration;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// The files under a folder, without following links: a linked folder is not entered, and a link to a file is listed
/// as what it is, so it can be refused with its reason rather than vanish. Hidden and system entries are skipped.
/// </summary>
public static class FolderWalk
{
    public static IEnumerable<FileInfo> Files(string folder)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        };
        return new FileSystemEnumerable<FileInfo>(folder, (ref entry) => (FileInfo)entry.ToFileSystemInfo(), options)
        {
            // .NET enters linked folders unless told not to; a link to a folder is also "a directory" here.
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory,
            ShouldRecursePredicate = (ref entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
    }
}
