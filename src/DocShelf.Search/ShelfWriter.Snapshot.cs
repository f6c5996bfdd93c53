using DocShelf.Search.Lexical;
using DocShelf.Search.Snapshots;
using DocShelf.Search.Store;

namespace DocShelf.Search;

public sealed partial class ShelfWriter
{
    /// <summary>
    /// Puts the shelf as it stands between two changes into <paramref name="folder"/>, laid out as a data folder: a
    /// copy of the store, the lexical index's commit, the sentence files, the page sources, and the page images that
    /// cannot be drawn again (those of documents read before page sources were kept). Changes wait only while the
    /// store is copied and the rest is linked; the sentence files are copied after, each as long as it was then.
    /// <paramref name="folder"/> must be on the shelf's own disk for the links.
    /// </summary>
    /// <returns>How long changes waited.</returns>
    public TimeSpan Snapshot(string folder)
    {
        Directory.CreateDirectory(folder);
        TimeSpan paused;
        List<(FileStream File, long Length)> sentences;
        lock (gate)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // No document changes under this lock, so the index's commit and the store's copy hold the same documents.
            // Vectors are written without it; the copy has those stored by its moment, and catch-up embeds the rest.
            index.CommitInto(Path.Combine(folder, LexicalIndex.FolderName), indexHolds);
            database.CopyTo(Path.Combine(folder, ShelfDatabase.FileName));
            FileLinks.LinkOrCopyTree(pageSources.Root, Path.Combine(folder, PageSourceFolder.FolderName), name => !name.EndsWith(".partial", StringComparison.Ordinal));
            FileLinks.LinkOrCopyTree(pageImages.Root, Path.Combine(folder, Path.GetFileName(pageImages.Root)), image => pageSources.Find(Path.GetDirectoryName(image)!) is null);
            sentences = OpenSentenceFiles(); // any moment after the store's copy will do; last, so nothing after it can fail
            paused = clock.Elapsed;
        }

        CopySentenceFiles(sentences, Path.Combine(folder, ShelfDatabase.SentencesFolderName));
        return paused;
    }

    /// <summary>
    /// Each sentence file, opened, with its length as the store's copy is taken. They only grow, and an entry reaches
    /// the disk before the store records it, so the first that many bytes of each hold every entry the store's copy
    /// points at, however much is appended while they are copied; what lies past is cut off when the copy is opened.
    /// Copied rather than linked, since a link would go on growing while the backup reads it.
    /// </summary>
    private List<(FileStream File, long Length)> OpenSentenceFiles()
    {
        var source = Path.Combine(database.DataDirectory, ShelfDatabase.SentencesFolderName);
        return Directory.Exists(source)
            ? [.. Directory.EnumerateFiles(source).Select(path => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)).Select(file => (file, file.Length))]
            : [];
    }

    private static void CopySentenceFiles(List<(FileStream File, long Length)> sentences, string target)
    {
        try
        {
            foreach (var (input, length) in sentences)
            {
                Directory.CreateDirectory(target);
                using var output = new FileStream(Path.Combine(target, Path.GetFileName(input.Name)), FileMode.CreateNew, FileAccess.Write);
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
        finally
        {
            sentences.ForEach(s => s.File.Dispose());
        }
    }
}
