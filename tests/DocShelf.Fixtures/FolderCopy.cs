namespace DocShelf.Fixtures;

/// <summary>A folder copied file by file, so a test or benchmark can change the copy and leave the original as it was.</summary>
public static class FolderCopy
{
    /// <param name="include">Which files to copy, by their path relative to <paramref name="source"/>; all when null.</param>
    public static void Copy(string source, string target, Func<string, bool>? include = null)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (include?.Invoke(relative) ?? true)
            {
                var copy = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
        }
    }
}
