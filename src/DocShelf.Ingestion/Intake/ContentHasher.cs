using System.Security.Cryptography;
using DocShelf.Core.Pipeline;

namespace DocShelf.Ingestion.Intake;

public static class ContentHasher
{
    /// <summary>
    /// Lower-case hex sha256 of the file's bytes, and how many there were. The count is of the bytes actually read,
    /// not the size the file system reports: reading stops with an error past <paramref name="maxBytes"/>, so a file
    /// that keeps growing or never ends cannot hold the worker.
    /// </summary>
    public static async Task<(string Sha256, long Bytes)> Sha256HexAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new UnreadableFileException($"the file is more than the limit of {maxBytes / 1e6:0} MB");
            }

            hash.AppendData(buffer, 0, read);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }
}
