using System.Reflection;
using DocShelf.Core.Documents;
using DocShelf.Core.Queue;
using DocShelf.Search.Sentences;
using DocShelf.Search.Vectors;
using LiteDB;

namespace DocShelf.Search.Store;

/// <summary>
/// The LiteDB file behind the shelf and its collections. Writers hold the shelf lock, so LiteDB's direct mode is
/// safe; readers in other processes open it read-only.
/// </summary>
public sealed class ShelfDatabase : IDisposable
{
    public const string FileName = "shelf.db";

    /// <summary>LiteDB's log beside the store, which holds what is committed but not yet folded into the file.</summary>
    public const string LogFileName = "shelf-log.db";

    /// <summary>The folder in the data folder that holds every vector collection's graphs.</summary>
    public const string GraphsFolderName = "vector-graphs";

    /// <summary>The folder in the data folder that holds each model's sentence file (<see cref="Sentences.SentenceFile"/>).</summary>
    public const string SentencesFolderName = "sentences";

    /// <summary>
    /// The layout of the store this DocShelf writes, recorded in the store itself, so that it changes in the same
    /// transaction as the migration that reaches it. A shelf made before versions were recorded reads 0. A newer
    /// layout is refused (<see cref="ShelfTooNewException"/>); an older one is migrated (<see cref="ShelfWriter.Migrate"/>).
    /// </summary>
    public const int SchemaVersion = 6;

    private const string SchemaKey = "schema";
    private const string ContentKey = "content";

    /// <summary>The open store; <see cref="Compact"/> alone replaces it, with the file it wrote afresh.</summary>
    private LiteDatabase database;
    private readonly Lock writeLock = new();
    private readonly string path;

    public ShelfDatabase(string dataDirectory, bool readOnly)
    {
        path = Path.Combine(dataDirectory, FileName);
        DataDirectory = dataDirectory;
        IsReadOnly = readOnly;
        var isNew = !File.Exists(path);
        database = Open(path, readOnly);
        // Before anything is written: a newer DocShelf's store is left exactly as it is.
        if (Schema > SchemaVersion)
        {
            var schema = Schema;
            database.Dispose();
            throw new ShelfTooNewException(schema);
        }

        if (!readOnly)
        {
            RemoveUnfinishedCopy();
            Documents.EnsureIndex(d => d.Status);
            Documents.EnsureIndex(d => d.Origin!.ParentId); // the documents inside one go with it
            Documents.EnsureIndex(d => d.OcrPageCount); // the overview reads only the documents with OCR'd pages
            Pages.EnsureIndex(p => p.DocumentId);
            Pages.EnsureIndex(p => p.Source); // counting OCR'd pages must not read every page's words
            Chunks.EnsureIndex(c => c.DocumentId);
            Files.EnsureIndex(f => f.DocumentId);
            Files.EnsureIndex(f => f.State);
            Files.EnsureIndex(f => f.Job!.JobId); // a worker's result finds its file by job
            if (isNew)
            {
                Schema = SchemaVersion;
            }
        }
    }

    public string DataDirectory { get; }

    private static LiteDatabase Open(string path, bool readOnly)
    {
        // Two mappers: the store's hands a page to PageRecords, which maps its other members with the second; one
        // mapper would hand the page back to PageRecords.
        var members = new BsonMapper { ResolveMember = MapMembers };
        var mapper = new BsonMapper { ResolveMember = MapMembers };
        mapper.RegisterType<PageContent>(page => PageRecords.ToDocument(page, members), value => PageRecords.FromDocument(value.AsDocument, members));
        return new LiteDatabase(new ConnectionString
        {
            Filename = path,
            Connection = ConnectionType.Direct,
            ReadOnly = readOnly,
        }, mapper);
    }

    /// <summary>
    /// Members worked out from stored ones are not stored, a page's words are left to <see cref="PageRecords"/>, and
    /// the text of pages and chunks is stored compressed (<see cref="PackedText"/>). Named here rather than with
    /// LiteDB's <c>Entity&lt;T&gt;().Ignore(...)</c>, whose reading of the expression compiles a regular expression:
    /// some 8 ms of every command's start.
    /// </summary>
    private static void MapMembers(Type type, MemberInfo member, MemberMapper mapped)
    {
        var derived = (type == typeof(DocumentRecord) && member.Name is nameof(DocumentRecord.PrimaryPath) or nameof(DocumentRecord.LowConfidencePages))
            || (type == typeof(FileEntry) && member.Name == nameof(FileEntry.Path))
            || (type == typeof(PageContent) && member.Name == nameof(PageContent.Words));
        if (derived)
        {
            mapped.FieldName = null; // LiteDB maps no member without a field name
        }
        else if ((type == typeof(PageContent) && member.Name == nameof(PageContent.Text)) || (type == typeof(Chunk) && member.Name == nameof(Chunk.Text)))
        {
            mapped.Serialize = (text, _) => PackedText.Pack((string)text);
            mapped.Deserialize = (value, _) => PackedText.Unpack(value);
        }
    }

    /// <summary>Opened by a reader: nothing is written, and nothing derived from the store is saved beside it.</summary>
    public bool IsReadOnly { get; }

    /// <summary>The layout the store was written in; see <see cref="SchemaVersion"/>.</summary>
    public int Schema
    {
        get => Facts.FindById(SchemaKey)?.Version ?? 0;
        set => Facts.Upsert(new StoreFact { Id = SchemaKey, Version = value });
    }

    /// <summary>
    /// A value drawn afresh by every change to the shelf's documents or chunks (<see cref="StampContent"/>); null
    /// until the first. The lexical index's commits record the stamp they caught up with, so a writer opening later
    /// knows the two agree without comparing every document.
    /// </summary>
    public string? ContentStamp => Facts.FindById(ContentKey)?.Stamp;

    /// <summary>Marks the content changed, inside the transaction that changes it; returns the new stamp.</summary>
    public string StampContent()
    {
        var stamp = Guid.NewGuid().ToString("N");
        Facts.Upsert(new StoreFact { Id = ContentKey, Stamp = stamp });
        return stamp;
    }

    private ILiteCollection<StoreFact> Facts => database.GetCollection<StoreFact>("store");

    public ILiteCollection<DocumentRecord> Documents => database.GetCollection<DocumentRecord>("documents");

    public ILiteCollection<PageContent> Pages => database.GetCollection<PageContent>("pages");

    public ILiteCollection<Chunk> Chunks => database.GetCollection<Chunk>("chunks");

    public ILiteCollection<FileEntry> Files => database.GetCollection<FileEntry>("files");

    /// <summary>Which vector collections exist, and what made each.</summary>
    public ILiteCollection<VectorCollectionInfo> VectorCollections => database.GetCollection<VectorCollectionInfo>("vector_collections");

    public ILiteCollection<StoredVector> Vectors(string collection) => database.GetCollection<StoredVector>(VectorsCollectionName(collection));

    /// <summary>How many vectors of each document a vector collection holds.</summary>
    public ILiteCollection<DocumentTally> VectorTallies(string collection) => database.GetCollection<DocumentTally>(CollectionName("tallies", collection));

    /// <summary>The keys of a vector collection's vectors deleted or stored again since they were numbered.</summary>
    public ILiteCollection<GoneVector> VectorsGone(string collection) => database.GetCollection<GoneVector>(CollectionName("gone", collection));

    /// <summary>What each sentence file holds: its vectors' size and encoding, and how far it is acknowledged.</summary>
    public ILiteCollection<SentenceFileInfo> SentenceFiles => database.GetCollection<SentenceFileInfo>("sentence_files");

    /// <summary>Where each chunk's sentences stand in a sentence file.</summary>
    public ILiteCollection<SentencePointer> SentencePointers(string collection) => database.GetCollection<SentencePointer>(CollectionName("sentences", collection));

    /// <summary>How many sentence vectors a sentence file holds for each document that has any.</summary>
    public ILiteCollection<DocumentTally> SentenceTallies(string collection) => database.GetCollection<DocumentTally>(CollectionName("stallies", collection));

    /// <summary>The offsets of entries in a sentence file replaced or deleted since they were written.</summary>
    public ILiteCollection<GoneVector> SentencesGone(string collection) => database.GetCollection<GoneVector>(CollectionName("sgone", collection));

    /// <summary>Drops what the store keeps of a sentence file: its record, pointers, tallies and gone entries.</summary>
    public void DropSentences(string collection)
    {
        database.DropCollection(CollectionName("sentences", collection));
        database.DropCollection(CollectionName("stallies", collection));
        database.DropCollection(CollectionName("sgone", collection));
        SentenceFiles.Delete(collection);
    }

    /// <summary>The file a model's sentence vectors are kept in, named as its collection is in the store.</summary>
    public string SentenceFilePath(string collection) => Path.Combine(DataDirectory, SentencesFolderName, VectorsCollectionName(collection)["vectors_".Length..] + SentenceFile.Extension);

    /// <summary>Where the table that finds a chunk's sentences in its file is saved; derived from the file, made again when lost.</summary>
    public string SentenceTableFolder(string collection) => Path.Combine(DataDirectory, GraphsFolderName, CollectionName("sentences", collection));

    public void DropVectors(string collection)
    {
        database.DropCollection(VectorsCollectionName(collection));
        database.DropCollection(CollectionName("tallies", collection));
        database.DropCollection(CollectionName("gone", collection));
    }

    /// <summary>Where the graphs over a vector collection are saved: a folder named as the collection is in the store.</summary>
    public string GraphFolder(string collection) => Path.Combine(DataDirectory, GraphsFolderName, VectorsCollectionName(collection));

    /// <summary>LiteDB collection names allow letters, digits and '_' only; model names may hold more.</summary>
    private static string VectorsCollectionName(string collection) =>
        "vectors_" + new string([.. collection.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]) + "_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(collection)))[..8];

    /// <summary>The name of a collection kept beside a vector collection or sentence file: <paramref name="prefix"/> in place of "vectors".</summary>
    private static string CollectionName(string prefix, string collection) => prefix + VectorsCollectionName(collection)["vectors".Length..];

    /// <summary>Runs <paramref name="work"/> as one transaction: all of it is stored, or none of it.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        // LiteDB binds a transaction to its thread; the lock keeps writers from interleaving.
        lock (writeLock)
        {
            database.BeginTrans();
            try
            {
                var result = work();
                database.Commit();
                return result;
            }
            catch
            {
                database.Rollback();
                throw;
            }
        }
    }

    public void InTransaction(Action work) => InTransaction(() =>
    {
        work();
        return 0;
    });

    /// <summary>
    /// Copies the store to <paramref name="target"/> as it stands between two transactions. LiteDB's log is folded
    /// into the file first, so the copy is the whole store by itself; no write can start until it is made.
    /// </summary>
    public void CopyTo(string target)
    {
        lock (writeLock)
        {
            database.Checkpoint();
            File.Copy(path, target);
        }
    }

    /// <summary>
    /// Writes the store file afresh without the room deleted and rewritten records left (<see cref="StoreCopy"/>), and
    /// goes on with the new file; returns the bytes given back. The new file is made beside the store and takes its
    /// name in one rename, so a kill at any moment leaves the store whole, the old or the new. Nothing else may use
    /// the store meanwhile: the upgrade calls this before the shelf serves.
    /// </summary>
    /// <param name="copied">Told the running count of records copied.</param>
    public long Compact(Action<long>? copied = null)
    {
        lock (writeLock)
        {
            database.Checkpoint();
            var before = new FileInfo(path).Length;
            RemoveUnfinishedCopy();
            StoreCopy.Write(database, CopyPath, copied ?? (_ => { }));
            using (var written = new FileStream(CopyPath, FileMode.Open, FileAccess.ReadWrite))
            {
                written.Flush(flushToDisk: true); // on the disk before it takes the store's name
            }

            database.Dispose();
            try
            {
                // LiteDB folds its log into the file as it closes; one still there would be replayed onto the new
                // file, and holds nothing the copy does not (folded in before copying, nothing written since).
                File.Delete(Path.Combine(DataDirectory, LogFileName));
                File.Move(CopyPath, path, overwrite: true);
            }
            finally
            {
                database = Open(path, IsReadOnly); // the new file, or the old one if it could not take its name
            }

            return before - new FileInfo(path).Length;
        }
    }

    /// <summary>Where <see cref="Compact"/> writes the new file: beside the store, named so nothing else takes it for one.</summary>
    private string CopyPath => Path.Combine(DataDirectory, "shelf-compacting.db");

    /// <summary>A copy a kill stopped part way is only room taken: the store it was made from is still whole.</summary>
    private void RemoveUnfinishedCopy()
    {
        File.Delete(CopyPath);
        File.Delete(Path.Combine(DataDirectory, "shelf-compacting-log.db"));
    }

    public void Dispose() => database.Dispose();
}
