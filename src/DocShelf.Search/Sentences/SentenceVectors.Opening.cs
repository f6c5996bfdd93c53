using System.Runtime.InteropServices;
using DocShelf.Search.Vectors;
using DocShelf.Search.Vectors.Groups;

namespace DocShelf.Search.Sentences;

/// <summary>Opening a model's sentence file and its table, for reading or for writing, and what each finds amiss.</summary>
public sealed partial class SentenceVectors
{
    /// <summary>The file and the table, opened on first use; null for a reader of a shelf whose file is missing.</summary>
    private Opening? Opened()
    {
        // Searches read it without the lock, which a change holds while its entries reach the disk.
        if (Volatile.Read(ref opened) is { } files)
        {
            return files;
        }

        lock (gate)
        {
            if (!triedOpening)
            {
                // Tried once for good only when opening did not fail, so an error reaches every caller until it is gone.
                gone = [.. database.SentencesGone(Name).Query().Select(g => g.Id).ToEnumerable()];
                Volatile.Write(ref opened, database.IsReadOnly ? OpenForReading() : OpenForWriting());
                triedOpening = true;
            }

            return opened;
        }
    }

    private Opening? OpenForReading()
    {
        if (Info() is null && database.Schema < 5 && database.VectorCollections.FindById(Name) is { } older)
        {
            return new Opening(null, null, older.Encoding, []);
        }

        if (Info() is not { } info ||
            SentenceFile.OpenForReading(database.SentenceFilePath(Name), VectorCodec.ByteCount(info.Dimensions, info.Encoding), info.End) is not { } file)
        {
            return null;
        }

        var table = GroupTable.Open(database.SentenceTableFolder(Name), writable: false);
        if (table is not null && !Fits(table, file))
        {
            table.Dispose();
            table = null;
        }

        var unsaved = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var (offset, _, entry) in file.Scan(Math.Max(table?.CoveredKey ?? 0, SentenceFile.HeaderSize)))
        {
            (CollectionsMarshal.GetValueRefOrAddDefault(unsaved, entry.ChunkId, out _) ??= []).Add(offset);
        }

        return new Opening(file, table, info.Encoding, unsaved);
    }

    /// <summary>
    /// Opens the file for appending, with the store's record of it made first for a new one. Entries the store counts
    /// on that the file lost are forgotten, so those chunks are embedded again; the table is filled in from the file,
    /// or made again when it was not made from this file (<see cref="Fits"/>).
    /// </summary>
    private Opening OpenForWriting()
    {
        var info = Info();
        if (info is null)
        {
            info = new SentenceFileInfo { Id = Name, Dimensions = dimensions, Encoding = requestedEncoding, End = SentenceFile.HeaderSize };
            database.SentenceFiles.Insert(info);
            database.SentencePointers(Name).EnsureIndex(p => p.DocumentId);
        }
        else if (info.Dimensions != dimensions)
        {
            throw new InvalidOperationException($"The sentence file {Name} holds {info.Dimensions}-dimension vectors, not {dimensions}.");
        }

        var file = SentenceFile.OpenForWriting(database.SentenceFilePath(Name), VectorCodec.ByteCount(info.Dimensions, info.Encoding), info.End);
        if (file.End < info.End)
        {
            ForgetLost(file.End);
        }

        var folder = database.SentenceTableFolder(Name);
        var table = GroupTable.Open(folder, writable: true)!;
        if (!Fits(table, file))
        {
            table.Dispose();
            Directory.Delete(folder, recursive: true);
            table = GroupTable.Open(folder, writable: true)!;
        }

        table.Add(file.Scan(Math.Max(table.CoveredKey, SentenceFile.HeaderSize)).Select(e => (e.Offset, e.Entry.ChunkId)), file.End);
        return new Opening(file, table, info.Encoding, []);
    }

    /// <summary>
    /// Whether the table was made from this file: it covers no more than the file holds, and where it stops an entry
    /// of the file starts (or the file ends). A table of another file (one restored, or lost and made again) would
    /// point at entries this one lacks, or leave the rest of this one unread.
    /// </summary>
    private static bool Fits(GroupTable table, SentenceFile file) =>
        table.CoveredKey <= SentenceFile.HeaderSize || table.CoveredKey == file.End ||
        (table.CoveredKey < file.End && file.Read(table.CoveredKey) is not null);

    /// <summary>Forgets the chunks whose entries lie past <paramref name="end"/>, where the file stops short of what the store acknowledged.</summary>
    private void ForgetLost(long end)
    {
        var pointers = database.SentencePointers(Name);
        var lost = pointers.Find(p => p.At >= end).ToList();
        database.InTransaction(() =>
        {
            lost.ForEach(p => pointers.Delete(p.Id));
            Record(lost, [], end);
        });
    }

    /// <summary>
    /// The file and table one process reads, and the entries it found past the table; no file for a reader of a shelf
    /// an older DocShelf wrote, which reads the store's record of each sentence until a writer upgrades it.
    /// </summary>
    private sealed record Opening(SentenceFile? File, GroupTable? Table, VectorEncoding Encoding, Dictionary<string, List<long>> Unsaved) : IDisposable
    {
        public void Dispose()
        {
            File?.Dispose();
            Table?.Dispose();
        }
    }
}
