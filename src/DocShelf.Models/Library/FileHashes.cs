using DocShelf.Core.Files;

namespace DocShelf.Models.Library;

/// <summary>A model folder's files with their sha256, as its manifest lists them.</summary>
public static class FileHashes
{
    /// <summary>Every file under <paramref name="folder"/> (the manifest itself left out), with its hash and size.</summary>
    public static List<ModelFile> Describe(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != ModelManifest.FileName)
            .Order(StringComparer.Ordinal)
            .Select(path => new ModelFile(Path.GetRelativePath(folder, path), FileHash.Sha256(path), new FileInfo(path).Length))];
}
