using System.Formats.Tar;

namespace DocShelf.Cli.Backup;

/// <summary>The rules a backup must meet before a restore lets any of it into a data folder.</summary>
public static class BackupCheck
{
    /// <summary>The entry's name, once it is a plain file with a relative path that stays inside the data folder.</summary>
    public static string EntryName(TarEntry entry)
    {
        if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            throw new BackupRefusedException($"the backup holds {entry.Name}, a {entry.EntryType} entry; DocShelf writes plain files only");
        }

        var segments = entry.Name.Split('/');
        if (entry.Name.StartsWith('/') || entry.Name.Contains('\\', StringComparison.Ordinal) || entry.Name.Contains('\0', StringComparison.Ordinal)
            || segments.Any(s => s is "" or "." or ".."))
        {
            throw new BackupRefusedException($"the backup holds the path {entry.Name}, which would leave the data folder");
        }

        return entry.Name;
    }

    /// <summary>Every file the manifest lists is there with its sha256 and size, and nothing else is.</summary>
    /// <returns>The manifest, once it is there and holds.</returns>
    public static BackupManifest Verify(BackupManifest? manifest, IReadOnlyDictionary<string, BackupFile> found)
    {
        if (manifest is null)
        {
            throw new BackupRefusedException("the backup is incomplete: it ends before its manifest, so it was cut short or is not a DocShelf backup");
        }

        if (manifest.Format > BackupManifest.CurrentFormat)
        {
            throw new BackupRefusedException($"the backup was made by DocShelf {manifest.DocShelfVersion} in a newer format ({manifest.Format}); restore it with that version or a newer one");
        }

        var missing = manifest.Files.Where(f => !found.ContainsKey(f.Path)).Select(f => f.Path).ToList();
        if (missing.Count > 0)
        {
            throw new BackupRefusedException($"the backup is incomplete: {missing.Count} of its {manifest.Files.Count} files are missing, such as {missing[0]}");
        }

        var damaged = manifest.Files.Where(f => found[f.Path] != f).Select(f => f.Path).ToList();
        if (damaged.Count > 0)
        {
            throw new BackupRefusedException($"the backup is damaged: {damaged.Count} files do not match the sha256 its manifest gives, such as {damaged[0]}");
        }

        var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        if (found.Keys.FirstOrDefault(name => !listed.Contains(name)) is { } extra)
        {
            throw new BackupRefusedException($"the backup holds {extra}, which its manifest does not list");
        }

        return manifest;
    }
}
