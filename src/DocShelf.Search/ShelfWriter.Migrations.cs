using System.Diagnostics;
using DocShelf.Core.Documents;
using DocShelf.Core.Files;
using DocShelf.Core.Text;
using DocShelf.Search.Lexical;
using DocShelf.Search.Sentences;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;

namespace DocShelf.Search;

public sealed partial class ShelfWriter
{
    /// <summary>How often a long migration step says how far it has come.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    /// <summary>Passes on to <paramref name="progress"/> what it is given once <see cref="ProgressEvery"/> has gone by since it last did.</summary>
    private static Action<Func<string>> EveryFewSeconds(Action<string> progress)
    {
        var lastTold = Stopwatch.StartNew();
        return line =>
        {
            if (lastTold.Elapsed > ProgressEvery)
            {
                progress(line());
                lastTold.Restart();
            }
        };
    }

    /// <summary>Whether the store was written in an older layout than this DocShelf's, and <see cref="Migrate"/> has work.</summary>
    public bool NeedsMigration => database.Schema < ShelfDatabase.SchemaVersion;

    /// <summary>
    /// Brings a store written by an older DocShelf to this one's layout, one schema version at a time. Each step
    /// changes the index first and then the store, with the version it reaches, in one transaction: a kill before
    /// that transaction leaves the old version, and the step runs again. The caller makes a backup first.
    /// </summary>
    /// <param name="progress">Told how far a long step has come, every few seconds; nobody when null.</param>
    /// <returns>What each step did, in words.</returns>
    public IReadOnlyList<string> Migrate(Action<string>? progress = null)
    {
        var done = new List<string>();
        lock (gate)
        {
            while (database.Schema < ShelfDatabase.SchemaVersion)
            {
                var from = database.Schema;
                done.Add($"store schema {from} to {from + 1}: {Step(from, progress ?? (_ => { }))}");
            }
        }

        return done;
    }

    private string Step(int from, Action<string> progress) => from switch
    {
        0 => DateTheUndated(),
        1 => TitleTheUntitled(),
        2 => NumberTheVectors(),
        3 => PackThePages(progress),
        4 => MoveTheSentences(progress),
        5 => PackTheWordsAgainstTheirText(progress),
        _ => throw new InvalidOperationException($"No migration is known from store schema {from}."),
    };

    /// <summary>Schema 1 records the date a document bears; shelves read before then get it from their first page.</summary>
    private string DateTheUndated()
    {
        var found = new List<DocumentRecord>();
        foreach (var document in database.Documents.Find(d => d.Dated == null && d.Status == DocumentStatus.Indexed).ToList())
        {
            if (database.Pages.FindById(ShelfStore.PageId(document.Id, 1)) is { } first && DocumentDate.Find(first.Text) is { } date)
            {
                found.Add(document with { Dated = date });
            }
        }

        // The date filter reads the year from the index, so each dated document is indexed again with it.
        foreach (var document in found)
        {
            index.DeleteDocument(document.Id);
            index.Add(new DocumentFacets(document.Kind, document.AddedUtc, store.PageSourcesOf(document.Id), document.Dated), store.ChunksOf(document.Id));
        }

        index.Commit();
        database.InTransaction(() =>
        {
            found.ForEach(d => database.Documents.Update(d));
            database.Schema = 1;
        });
        return $"{found.Count} documents dated from their first page";
    }

    /// <summary>Schema 2 gives a document without a title in its metadata the heading its first page opens with.</summary>
    private string TitleTheUntitled()
    {
        var titled = new List<DocumentRecord>();
        foreach (var document in database.Documents.Find(d => d.Title == null && d.Status == DocumentStatus.Indexed).ToList())
        {
            if (database.Pages.FindById(ShelfStore.PageId(document.Id, 1)) is { } first && TitleGuess.FromFirstLines(first.Text) is { } title)
            {
                titled.Add(document with { Title = title });
            }
        }

        database.InTransaction(() =>
        {
            titled.ForEach(d => database.Documents.Update(d));
            database.Schema = 2;
        });
        return $"{titled.Count} documents titled from their first lines";
    }

    /// <summary>
    /// Schema 3 numbers every stored vector, so the vector graphs can name it (<see cref="StoredVector.Key"/>), and
    /// counts each document's vectors (<see cref="DocumentTally"/>). Numbered a batch at a time, each batch with the collection's last number: a kill part way leaves the rest
    /// to number when the step runs again. The graphs are made the first time the collection is searched or written.
    /// </summary>
    private string NumberTheVectors()
    {
        var numbered = 0L;
        foreach (var info in database.VectorCollections.FindAll().ToList())
        {
            var vectors = database.Vectors(info.Id);
            var last = info.LastKey;
            var unnumbered = vectors.Find(StoredVector.NotNumbered).Select(v => v.Id).ToList();
            foreach (var batch in unnumbered.Chunk(4096))
            {
                var first = last + 1;
                last += batch.Length;
                database.InTransaction(() =>
                {
                    vectors.Update(batch.Select(id => vectors.FindById(id)).Select((v, i) => v with { Key = first + i }));
                    database.VectorCollections.Update(database.VectorCollections.FindById(info.Id) with { LastKey = last });
                });
                numbered += batch.Length;
            }

            // A unique index only once no two vectors share the number 0.
            vectors.EnsureIndex(v => v.Key, unique: true);
            vectors.EnsureIndex(v => v.DocumentId);
            var tallies = vectors.Query().Select(v => v.DocumentId).ToEnumerable().CountBy(id => id)
                .Select(d => new DocumentTally { Id = d.Key, Vectors = d.Value }).ToList();
            database.InTransaction(() =>
            {
                database.VectorTallies(info.Id).DeleteAll();
                database.VectorTallies(info.Id).Insert(tallies);
                database.VectorCollections.Update(database.VectorCollections.FindById(info.Id) with { Count = tallies.Sum(t => (long)t.Vectors) });
            });
        }

        database.InTransaction(() => database.Schema = 3);
        return $"{numbered} vectors numbered for the vector graphs";
    }

    /// <summary>
    /// Schema 4 keeps a page's words packed (<see cref="PackedWords"/>), no longer stores a chunk's word boxes (its
    /// page has them), keeps chunk vectors at half precision and sentence vectors at 8 bits, and keeps older
    /// documents' originals as their page sources. Pages and chunks are written again a batch at a time, and
    /// vectors re-encoded the same way; each batch is whole, and a kill part way leaves the rest for the step
    /// to write again. The store file is compacted at the end, giving back the room the old layout took.
    /// </summary>
    private string PackThePages(Action<string> progress)
    {
        var pages = WriteThePagesAgain(progress);

        var chunkIds = database.Chunks.Query().Select(c => c.Id).ToList();
        foreach (var batch in chunkIds.Chunk(1024))
        {
            database.InTransaction(() => database.Chunks.Update(batch.Select(id => database.Chunks.FindById(id)).ToList()));
        }

        var vectors = database.VectorCollections.FindAll().ToList().Sum(info => Reencode(info, SentenceKey.IsCollection(info.Id) ? Shelf.SentenceEncoding : Shelf.ChunkEncoding));
        var originals = KeepTheOriginals();
        database.InTransaction(() => database.Schema = 4);
        return $"{pages} pages and {chunkIds.Count} chunks packed, {vectors} vectors made smaller, "
            + $"originals kept as page sources: {originals}, {Compacted(progress)}";
    }

    /// <summary>
    /// Schema 5 keeps each model's sentence vectors once, in its sentence file, one entry per chunk
    /// (<see cref="SentenceVectors"/>), where the store held a record per sentence and rows beside it held them again.
    /// The records are read in the order of their ids, which keeps a chunk's sentences together, and moved a batch of
    /// chunks at a time without decoding them. A run stopped part way is started again from a new file, since the old
    /// records go only once a model's file is whole. The store file is compacted at the end.
    /// </summary>
    private string MoveTheSentences(Action<string> progress)
    {
        long moved = 0;
        foreach (var info in database.VectorCollections.FindAll().Where(c => SentenceKey.IsCollection(c.Id)).ToList())
        {
            database.DropSentences(info.Id); // LiteDB drops a collection in a transaction of its own
            if (File.Exists(database.SentenceFilePath(info.Id)))
            {
                File.Delete(database.SentenceFilePath(info.Id));
            }

            DeleteFolder(database.SentenceTableFolder(info.Id));
            using (var sentences = new SentenceVectors(database, info.Id[..^SentenceKey.CollectionSuffix.Length], info.Dimensions, info.Encoding))
            {
                foreach (var batch in ChunksOfSentences(database.Vectors(info.Id).FindAll()).Chunk(1024))
                {
                    sentences.Move(batch);
                    moved += batch.Sum(e => e.Spans.Count);
                }
            }

            // The record goes first: once it has, the move is done, and a kill before the drops leaves only unread records.
            database.VectorCollections.Delete(info.Id);
            database.DropVectors(info.Id);
            DeleteFolder(database.GraphFolder(info.Id));
        }

        database.InTransaction(() => database.Schema = 5);
        return $"{moved} sentence vectors moved to their file, {Compacted(progress)}";
    }

    /// <summary>
    /// Schema 6 keeps a word's text only where its page's text does not already hold it (<see cref="PackedWords"/>).
    /// Pages are written again a batch at a time; a kill part way leaves pages in both layouts, which both read, and
    /// the step writes them all again. The store file is compacted at the end.
    /// </summary>
    private string PackTheWordsAgainstTheirText(Action<string> progress)
    {
        var pages = WriteThePagesAgain(progress);
        database.InTransaction(() => database.Schema = 6);
        return $"{pages} pages' words packed against their text, {Compacted(progress)}";
    }

    /// <summary>Writes every page again in the store's layout, a batch of pages to a transaction; gives how many.</summary>
    private int WriteThePagesAgain(Action<string> progress)
    {
        var pageIds = database.Pages.Query().Select(p => p.Id).ToList();
        var written = 0;
        var tell = EveryFewSeconds(progress);
        foreach (var batch in pageIds.Chunk(256))
        {
            database.InTransaction(() => database.Pages.Update(batch.Select(id => database.Pages.FindById(id)).ToList()));
            written += batch.Length;
            tell(() => $"{written:N0} of {pageIds.Count:N0} pages written again");
        }

        return pageIds.Count;
    }

    /// <summary>Sentence records in the order of their ids, gathered into one entry per chunk.</summary>
    private static IEnumerable<SentenceEntry> ChunksOfSentences(IEnumerable<StoredVector> records)
    {
        var chunk = new List<StoredVector>();
        foreach (var record in records)
        {
            if (chunk.Count > 0 && SentenceKey.ChunkOf(record.Id) != SentenceKey.ChunkOf(chunk[0].Id))
            {
                yield return SentenceEntry.FromRecords(chunk);
                chunk = [];
            }

            chunk.Add(record);
        }

        if (chunk.Count > 0)
        {
            yield return SentenceEntry.FromRecords(chunk);
        }
    }

    /// <summary>Compacts the store file and says what that gave back.</summary>
    private string Compacted(Action<string> progress)
    {
        var tell = EveryFewSeconds(progress);
        var saved = database.Compact(copied => tell(() => $"{copied:N0} records copied into the compacted store file"));
        return saved >= 1024 * 1024 ? $"{saved / (1024 * 1024)} MB given back" : "the store file had no room to give back";
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Keeps the original of each PDF and scan read before page sources were kept, where a path of it still holds the
    /// bytes that were read, and lets go of the page images drawn then: its pages are drawn from the kept file when
    /// viewed, like those of documents read since. Office documents keep their images, since their page source is the
    /// PDF LibreOffice laid them out as, which reading made and did not keep.
    /// </summary>
    private int KeepTheOriginals()
    {
        var kept = 0;
        var withoutSource = database.Documents.Find(d => d.Status == DocumentStatus.Indexed).ToList()
            .Where(d => (d.Kind == FileKind.Pdf || d.Kind.IsImage()) && pageSources.Find(d.Id) is null);
        foreach (var document in withoutSource)
        {
            // Checked before it is copied, so a kill between the two leaves no other bytes kept, and the copy checked
            // again, so a file that changed while it was copied is not kept either.
            foreach (var path in document.Paths.Where(p => File.Exists(p) && FileHash.Sha256(p) == document.Sha256))
            {
                pageSources.Keep(document.Id, path);
                if (FileHash.Sha256(pageSources.Find(document.Id)!) == document.Sha256)
                {
                    pageImages.Delete(document.Id);
                    kept++;
                    break;
                }

                pageSources.Delete(document.Id);
            }
        }

        return kept;
    }

    /// <summary>
    /// Re-encodes a collection's vectors as <paramref name="encoding"/>, unless they are kept so already. Its graphs and
    /// rows, made from the old bytes, go first and are made again when it opens; a vector already re-encoded by a run
    /// that was stopped is told by its length and left.
    /// </summary>
    /// <returns>How many vectors the collection holds, or 0 when it was kept so already.</returns>
    private long Reencode(VectorCollectionInfo info, VectorEncoding encoding)
    {
        if (info.Encoding == encoding)
        {
            return 0;
        }

        DeleteFolder(database.GraphFolder(info.Id));

        var stored = database.Vectors(info.Id);
        var oldLength = VectorCodec.ByteCount(info.Dimensions, info.Encoding);
        var vector = new float[info.Dimensions];
        var ids = stored.Query().Select(v => v.Id).ToList();
        foreach (var batch in ids.Chunk(4096))
        {
            database.InTransaction(() => stored.Update([.. batch.Select(id => stored.FindById(id)).Where(v => v.Data.Length == oldLength).Select(v =>
            {
                VectorCodec.Decode(v.Data, info.Encoding, vector);
                return v with { Data = VectorCodec.Encode(vector, encoding) };
            })]));
        }

        database.InTransaction(() => database.VectorCollections.Update(database.VectorCollections.FindById(info.Id) with { Encoding = encoding }));
        return ids.Count;
    }
}
