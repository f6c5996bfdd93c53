using System.IO.Compression;
using DocShelf.Core.Pipeline;

namespace DocShelf.Ingestion.Readers;

/// <summary>
/// What a zip-based file (Office Open XML, OpenDocument, EPUB) may hold before any reader opens it: a bounded number
/// of entries, and entries that say they inflate to a bounded size at a bounded ratio. A file past any of these is a
/// zip bomb, or near enough, and is refused with the figure. Readers that inflate entries themselves also stop at
/// the bytes they read (<see cref="ZipEntries"/>), since a zip's stated sizes can lie.
/// </summary>
public sealed record ZipLimits(int MaxEntries = 20_000, long MaxInflatedBytes = 1L << 30, int MaxRatio = 200)
{
    /// <summary>Entries this small are not judged by their ratio: a run of spaces compresses a thousandfold and harms nothing.</summary>
    private const long RatioFloor = 1 << 20;

    public void Check(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > MaxEntries)
            {
                throw new UnreadableFileException($"the file holds {zip.Entries.Count:N0} zip entries, more than the limit of {MaxEntries:N0}");
            }

            var total = 0L;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (entry.Length > RatioFloor && entry.Length > (long)MaxRatio * Math.Max(1, entry.CompressedLength))
                {
                    throw new UnreadableFileException(
                        $"{entry.FullName} would inflate {entry.Length / Math.Max(1, entry.CompressedLength):N0} times, more than the limit of {MaxRatio}: a zip bomb");
                }
            }

            if (total > MaxInflatedBytes)
            {
                throw new UnreadableFileException($"the file would inflate to {total / 1e6:N0} MB, more than the limit of {MaxInflatedBytes / 1e6:N0} MB");
            }
        }
        catch (InvalidDataException error)
        {
            throw new UnreadableFileException("the file is damaged: it is stored as a zip package, and the package is broken or cut short", error.Message);
        }
    }
}
