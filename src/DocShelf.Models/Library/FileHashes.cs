using System.Security.Cryptography;

namespace DocShelf.Models.Library;

/// <summary>sha256 of model files, as lower-case hex.</summary>
public static class FileHashes
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Every file under <paramref name="folder"/> (the manifest itself left out), with its hash and size.</summary>
    public static List<ModelFile> Describe(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != ModelManifest.FileName)
            .Order(StringComparer.Ordinal)
            .Select(path => new ModelFile(Path.GetRelativePath(folder, path), Sha256(path), new FileInfo(path).Length))];
}
