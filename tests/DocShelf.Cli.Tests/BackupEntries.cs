using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace DocShelf.Cli.Tests;

/// <summary>A backup archive read the way any tar tool would, without DocShelf's own checks.</summary>
public static class BackupEntries
{
    /// <summary>Every entry's name and bytes, in the archive's order.</summary>
    public static Dictionary<string, byte[]> Read(string archive)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries[entry.Name] = content.ToArray();
        }

        return entries;
    }

    public static JsonElement Manifest(string archive) =>
        Read(archive).TryGetValue("docshelf-backup.json", out var manifest)
            ? JsonDocument.Parse(manifest).RootElement.Clone()
            : throw new InvalidDataException($"{archive} has no manifest");

    /// <summary>Unpacks the archive into <paramref name="target"/> as it is.</summary>
    public static void Unpack(string archive, string target)
    {
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        TarFile.ExtractToDirectory(gzip, target, overwriteFiles: false);
    }
}
