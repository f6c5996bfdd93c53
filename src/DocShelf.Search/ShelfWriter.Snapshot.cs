using DocShelf.Search.Lexical;
using DocShelf.Search.Snapshots;
using DocShelf.Search.Store;

namespace DocShelf.Search;

public sealed partial class ShelfWriter
{
    /// <summary>
    /// Puts the shelf as it stands between two changes into <paramref name="folder"/>, laid out as a data folder: a
    /// copy of the store, the lexical index's commit, the sentence files, the page sources, and the page images that
    /// cannot be drawn again (those of documents read before page sources were kept). Changes wait only while the store is copied and the
    /// rest is linked; <paramref name="folder"/> must be on the shelf's own disk for the links.
    /// </summary>
    /// <returns>How long changes waited.</returns>
    public TimeSpan Snapshot(string folder)
    {
        Directory.CreateDirectory(folder);
        lock (gate)
        {
            var paused = System.Diagnostics.Stopwatch.StartNew();
            // No document changes under this lock, so the index's commit and the store's copy hold the same documents.
            // Vectors are written without it; the copy has those stored by its moment, and catch-up embeds the rest.
            index.CommitInto(Path.Combine(folder, LexicalIndex.FolderName));
            database.CopyTo(Path.Combine(folder, ShelfDatabase.FileName));
            CopySentenceFiles(Path.Combine(folder, ShelfDatabase.SentencesFolderName));
            FileLinks.LinkOrCopyTree(pageSources.Root, Path.Combine(folder, PageSourceFolder.FolderName), name => !name.EndsWith(".partial", StringComparison.Ordinal));
            FileLinks.LinkOrCopyTree(pageImages.Root, Path.Combine(folder, Path.GetFileName(pageImages.Root)), image => pageSources.Find(Path.GetDirectoryName(image)!) is null);
            return paused.Elapsed;
        }
    }

    /// <summary>
    /// Copies each sentence file as long as it is now. They only grow, and an entry reaches the disk before the store
    /// records it, so each copy holds every entry the store's copy points at; what lies past is cut off when the copy
    /// is opened. Copied rather than linked, since a link would go on growing while the backup reads it.
    /// </summary>
    private void CopySentenceFiles(string target)
    {
        var source = Path.Combine(database.DataDirectory, ShelfDatabase.SentencesFolderName);
        if (!Directory.Exists(source))
        {
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var path in Directory.EnumerateFiles(source))
        {
            using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var output = new FileStream(Path.Combine(target, Path.GetFileName(path)), FileMode.CreateNew, FileAccess.Write);
            var length = input.Length;
            var buffer = new byte[1 << 20];
            for (long copied = 0; copied < length;)
            {
                var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, length - copied));
                if (read == 0)
                {
                    break;
                }

                output.Write(buffer, 0, read);
                copied += read;
            }
        }
    }
}
