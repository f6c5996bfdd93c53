namespace DocShelf.Ingestion.Intake;

/// <summary>
/// Expands the files and folders a user names into the files to ingest, in a stable order. What the user names is
/// resolved, links and all, since they chose it; inside a named folder no link is followed (<see cref="LinkFreePath"/>).
/// </summary>
public static class FileCollector
{
    public static IReadOnlyList<string> Collect(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            var full = LinkFreePath.Resolve(path) ?? Path.GetFullPath(path);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                files.AddRange(FilesUnder(full));
            }
            else
            {
                throw new FileNotFoundException($"No such file or folder: {path}", path);
            }
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> FilesUnder(string folder) =>
        FolderWalk.Files(folder).Select(f => f.FullName).Order(StringComparer.Ordinal);
}
