using System.IO.Compression;
using System.Text;
using DocShelf.Core.Pipeline;

namespace DocShelf.Ingestion.Readers;

/// <summary>
/// Reads entries of a zip no further than a limit, however large the entry says it is, so an entry that inflates
/// without end (a zip bomb) is refused with a reason instead of filling memory.
/// </summary>
public static class ZipEntries
{
    public static byte[] ReadBytes(ZipArchiveEntry entry, long limit)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new UnreadableFileException($"{entry.FullName} inflates past the limit of {limit / 1e6:0} MB");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static string ReadText(ZipArchiveEntry entry, long limit) =>
        new UTF8Encoding(false).GetString(ReadBytes(entry, limit)).TrimStart('\uFEFF');
}
