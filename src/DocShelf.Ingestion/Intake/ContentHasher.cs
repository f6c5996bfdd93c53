using System.Security.Cryptography;

namespace DocShelf.Ingestion.Intake;

public static class ContentHasher
{
    /// <summary>Lower-case hex sha256 of the file's bytes.</summary>
    public static async Task<string> Sha256HexAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }
}
