using System.IO.Compression;
using System.Text.Json;
using DocShelf.Queue.Messages;

namespace DocShelf.Queue.Readings;

/// <summary>
/// A worker's reading as one file for the trip to the shelf: a zip holding the reading's JSON and the page sources
/// made while reading. The shelf opens it as untrusted input: only the names it expects, and no entry larger than
/// it allows however it is compressed.
/// </summary>
public sealed class ReadingArchive : IDisposable
{
    private const string ReadingEntry = "reading.json";

    private readonly ZipArchive zip;
    private readonly long maxEntryBytes;

    private ReadingArchive(ZipArchive zip, ReadingBundle reading, long maxEntryBytes)
    {
        this.zip = zip;
        Reading = reading;
        this.maxEntryBytes = maxEntryBytes;
    }

    public ReadingBundle Reading { get; }

    public static async Task WriteAsync(ReadingBundle reading, IReadOnlyDictionary<string, string> sourceFiles, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        await using (var json = await zip.CreateEntry(ReadingEntry, CompressionLevel.Fastest).OpenAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(json, reading, QueueJson.Default.ReadingBundle, cancellationToken);
        }

        foreach (var (name, source) in sourceFiles)
        {
            // PDFs and images are compressed already.
            await zip.CreateEntryFromFileAsync(source, name, CompressionLevel.NoCompression, cancellationToken);
        }
    }

    /// <param name="maxEntryBytes">The most any entry may hold once expanded: the shelf's largest file.</param>
    /// <exception cref="InvalidDataException">The file is not a reading DocShelf wrote.</exception>
    public static async Task<ReadingArchive> OpenAsync(string path, long maxEntryBytes, CancellationToken cancellationToken)
    {
        var zip = await ZipArchive.CreateAsync(File.OpenRead(path), ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, cancellationToken);
        try
        {
            var entry = zip.GetEntry(ReadingEntry) ?? throw new InvalidDataException($"the reading holds no {ReadingEntry}");
            using var json = new MemoryStream();
            await CopyBoundedAsync(entry, json, maxEntryBytes, cancellationToken);
            json.Position = 0;
            var reading = await JsonSerializer.DeserializeAsync(json, QueueJson.Default.ReadingBundle, cancellationToken)
                ?? throw new InvalidDataException("the reading is empty");
            return new ReadingArchive(zip, reading, maxEntryBytes);
        }
        catch (JsonException error)
        {
            zip.Dispose();
            throw new InvalidDataException($"the reading is not valid: {error.Message}", error);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>Writes the page source the reading names <paramref name="name"/> to <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidDataException">The reading holds no such source, or it is larger than allowed.</exception>
    public async Task ExtractSourceAsync(string name, string destination, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"the reading names a page source, {name}, it does not hold");
        await using var target = File.Create(destination);
        await CopyBoundedAsync(entry, target, maxEntryBytes, cancellationToken);
    }

    public void Dispose() => zip.Dispose();

    /// <summary>Copies an entry, stopping at <paramref name="maxBytes"/> whatever length it states: the stated length is the sender's word.</summary>
    private static async Task CopyBoundedAsync(ZipArchiveEntry entry, Stream target, long maxBytes, CancellationToken cancellationToken)
    {
        await using var source = await entry.OpenAsync(cancellationToken);
        var buffer = new byte[1 << 16];
        var copied = 0L;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copied += read;
            if (copied > maxBytes)
            {
                throw new InvalidDataException($"{entry.FullName} in the reading holds more than the {maxBytes} bytes allowed");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
