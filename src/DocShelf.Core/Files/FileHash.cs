using System.Security.Cryptography;

namespace DocShelf.Core.Files;

/// <summary>A file's sha256 as lower-case hex: how DocShelf names and checks originals, models and backed-up files.</summary>
public static class FileHash
{
    /// <summary>Reads <paramref name="path"/> through once, without holding it in memory.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
