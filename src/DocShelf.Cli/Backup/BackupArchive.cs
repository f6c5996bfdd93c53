using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using DocShelf.Core.Files;

namespace DocShelf.Cli.Backup;

/// <summary>
/// A backup on disk: a gzip-compressed tar of a <see cref="ShelfSnapshot"/>, ending with its <see cref="BackupManifest"/>.
/// It is written under a temporary name and renamed once whole, so a backup that exists is complete; a restore checks
/// every file against the manifest before anything reaches the data folder.
/// </summary>
public static class BackupArchive
{
    /// <summary>The one folder a restore writes in before the checks pass, inside the target so the last step is renames.</summary>
    private const string StagingName = ".restoring";

    /// <summary>A manifest larger than this is not one DocShelf wrote.</summary>
    private const int MaxManifestBytes = 64 << 20;

    /// <param name="describe">Makes the manifest from the files packed.</param>
    /// <param name="progress">Receives the bytes packed so far.</param>
    /// <param name="cancellationToken">Stops between files; the part written is deleted.</param>
    public static BackupManifest Write(
        string snapshot, string target, Func<IReadOnlyList<BackupFile>, BackupManifest> describe, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var part = target + ".part";
        File.Delete(part); // left by a backup that was stopped part-way
        BackupManifest manifest;
        try
        {
            using (var output = new FileStream(part, FileMode.CreateNew, FileAccess.Write))
            {
                using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
                {
                    var files = Pack(tar, snapshot, progress, cancellationToken);
                    manifest = describe(files);
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName) { DataStream = new MemoryStream(manifest.ToBytes()) });
                }

                output.Flush(flushToDisk: true);
            }

            File.Move(part, target);
            return manifest;
        }
        catch
        {
            File.Delete(part);
            throw;
        }
    }

    /// <summary>Unpacks a backup into <paramref name="dataDirectory"/>, which must be empty, once every file is checked.</summary>
    /// <param name="progress">Receives the archive's bytes read so far.</param>
    /// <exception cref="BackupRefusedException">The backup is damaged, incomplete, or from a newer DocShelf.</exception>
    public static BackupManifest Restore(string archive, string dataDirectory, Func<BackupManifest, string?> refuse, IProgress<long>? progress = null)
    {
        var staging = Path.Combine(dataDirectory, StagingName);
        Directory.CreateDirectory(staging);
        try
        {
            var (unpacked, found) = Extract(archive, staging, progress);
            var manifest = BackupCheck.Verify(unpacked, found);
            if (refuse(manifest) is { } reason)
            {
                throw new BackupRefusedException(reason);
            }

            foreach (var entry in Directory.EnumerateFileSystemEntries(staging))
            {
                Directory.Move(entry, Path.Combine(dataDirectory, Path.GetFileName(entry)));
            }

            Directory.Delete(staging);
            return manifest;
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static List<BackupFile> Pack(TarWriter tar, string snapshot, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var files = new List<BackupFile>();
        long packed = 0;
        foreach (var path in Directory.EnumerateFiles(snapshot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetRelativePath(snapshot, path).Replace(Path.DirectorySeparatorChar, '/');
            var sha256 = FileHash.Sha256(path);
            tar.WriteEntry(path, name);
            var bytes = new FileInfo(path).Length;
            files.Add(new BackupFile(name, sha256, bytes));
            progress?.Report(packed += bytes);
        }

        return files;
    }

    private static (BackupManifest? Manifest, Dictionary<string, BackupFile> Found) Extract(string archive, string staging, IProgress<long>? progress)
    {
        var found = new Dictionary<string, BackupFile>(StringComparer.Ordinal);
        try
        {
            using var input = File.OpenRead(archive);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            BackupManifest? manifest;
            try
            {
                using var tar = new TarReader(gzip, leaveOpen: true);
                manifest = ReadEntries(tar, staging, found, () => progress?.Report(input.Position));
            }
            catch (BackupRefusedException) when (!ReadsToItsEnd(gzip))
            {
                // What looked like an odd or hostile entry was damage: the compressed data fails its own checksum.
                throw new InvalidDataException("its compressed data does not match its checksum");
            }

            // The tar's end comes before gzip's checksum, which only reading on to the end checks.
            return ReadsToItsEnd(gzip) ? (manifest, found) : throw new InvalidDataException("its compressed data does not match its checksum");
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new BackupRefusedException($"the backup is damaged and cannot be read to its end ({error.Message}); use another backup", error);
        }
    }

    /// <returns>The manifest, or null when the archive ends without one.</returns>
    private static BackupManifest? ReadEntries(TarReader tar, string staging, Dictionary<string, BackupFile> found, Action read)
    {
        BackupManifest? manifest = null;
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType == TarEntryType.Directory)
            {
                continue;
            }

            var name = BackupCheck.EntryName(entry);
            if (name == BackupManifest.EntryName)
            {
                manifest = BackupManifest.FromBytes(ReadManifest(entry));
            }
            else if (!found.TryAdd(name, Unpack(entry, name, staging)))
            {
                throw new BackupRefusedException($"the backup holds {name} twice, which DocShelf never writes");
            }

            read();
        }

        return manifest;
    }

    private static bool ReadsToItsEnd(Stream gzip)
    {
        try
        {
            gzip.CopyTo(Stream.Null);
            return true;
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException)
        {
            return false;
        }
    }

    private static BackupFile Unpack(TarEntry entry, string name, string staging)
    {
        var target = Path.Combine(staging, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
        {
            var buffer = new byte[1 << 16];
            int read;
            while (entry.DataStream is { } data && (read = data.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
                bytes += read;
            }
        }

        return new BackupFile(name, Convert.ToHexStringLower(hash.GetHashAndReset()), bytes);
    }

    private static byte[] ReadManifest(TarEntry entry)
    {
        if (entry.Length > MaxManifestBytes || entry.DataStream is null)
        {
            throw new BackupRefusedException("the backup's manifest is not one DocShelf wrote");
        }

        using var bytes = new MemoryStream();
        entry.DataStream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
