using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Core.Text;
using DocShelf.Search.Snapshots;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace DocShelf.Search.Lexical;

/// <summary>BM25 full-text index of chunks on Lucene.Net, kept in the data folder.</summary>
public sealed class LexicalIndex : IDisposable
{
    /// <summary>
    /// The fields each chunk carries and the analysis that made its terms. An index written with another version is
    /// emptied at open and rebuilt from the store by reconciliation, so a shelf made by an older DocShelf gains the
    /// new fields and terms.
    /// </summary>
    private const string SchemaVersion = "6";

    /// <summary>The index's folder in the data folder.</summary>
    public const string FolderName = "lexical";

    /// <summary>
    /// The text, analysed and stored, its postings keeping each word's place in the chunk's text, so the places a
    /// query's words stand are read from the index without analysing any text again.
    /// </summary>
    private static readonly FieldType TextWithPlaces = new(TextField.TYPE_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    };
    private const string SchemaKey = "schema";
    private const string StoreStampKey = "store-stamp";

    private readonly FSDirectory directory;
    private readonly Analyzer analyzer = ShelfAnalyzer.Create();
    private readonly IndexWriter? writer;

    /// <summary>Keeps a commit's files while a snapshot links them, though later commits would delete them.</summary>
    private readonly SnapshotDeletionPolicy commits = new(new KeepOnlyLastCommitDeletionPolicy());
    private readonly System.Threading.Lock searchersLock = new();
    private SearcherManager? searchers;

    /// <param name="dataDirectory">The shelf's data folder; the index lives in its "lexical" folder.</param>
    /// <param name="writable">Whether this process adds to the index (only one process may).</param>
    public LexicalIndex(string dataDirectory, bool writable)
    {
        directory = FSDirectory.Open(Path.Combine(dataDirectory, FolderName));
        if (writable)
        {
            var committed = LastCommitData();
            writer = new IndexWriter(directory, new IndexWriterConfig(ShelfAnalyzer.Version, analyzer)
            {
                Similarity = ShelfSimilarity.Create(),
                OpenMode = OpenMode.CREATE_OR_APPEND,
                IndexDeletionPolicy = commits,
            });
            if (committed is not null && committed.GetValueOrDefault(SchemaKey) != SchemaVersion)
            {
                writer.DeleteAll();
            }
            else
            {
                StoreStampAtOpen = committed?.GetValueOrDefault(StoreStampKey);
            }

            // Lucene commits on closing with the data last set; from here on it names no stamp until a commit is told one.
            writer.SetCommitData(CommitData(storeStamp: null));
        }
    }

    /// <summary>
    /// The store's content stamp (<see cref="Store.ShelfDatabase.ContentStamp"/>) that the last commit held every chunk
    /// of, and no other, as this writer found it; null when unknown, or when the index was emptied at open.
    /// </summary>
    public string? StoreStampAtOpen { get; }

    public Analyzer Analyzer => analyzer;

    /// <summary>
    /// A read-only index with its searcher open, as the first search would open it. An index that cannot be read
    /// is still handed back, so a command that needs no search (and `doctor`, which reports it) opens the shelf as
    /// before; the first search meets the same error.
    /// </summary>
    public static LexicalIndex OpenForSearching(string dataDirectory)
    {
        var index = new LexicalIndex(dataDirectory, writable: false);
        try
        {
            _ = index.Searchers();
        }
        catch (IOException)
        {
            // Lucene's damaged-index errors are IOExceptions; the searcher stays unopened until a search asks again.
        }

        return index;
    }

    public void Add(DocumentFacets facets, IEnumerable<Chunk> chunks)
    {
        var indexWriter = RequireWriter();
        foreach (var chunk in chunks)
        {
            var fields = new LuceneDocument
            {
                new StringField(LexicalFields.ChunkId, chunk.Id, Field.Store.YES),
                new StringField(LexicalFields.DocumentId, chunk.DocumentId, Field.Store.YES),
                new StoredField(LexicalFields.Page, chunk.PageNumber),
                new StoredField(LexicalFields.Start, chunk.Start),
                new NumericDocValuesField(LexicalFields.Page, chunk.PageNumber), // read per place without loading the chunk
                new NumericDocValuesField(LexicalFields.Start, chunk.Start),
                new Field(LexicalFields.Text, chunk.Text, TextWithPlaces),
                new StringField(LexicalFields.Kind, Facet.Name(facets.Kind), Field.Store.NO),
                new StringField(LexicalFields.Source, Facet.Name(facets.SourceOf(chunk.PageNumber)), Field.Store.NO),
                new Int64Field(LexicalFields.Added, facets.AddedUtc.ToUniversalTime().Ticks, Field.Store.NO),
            };
            if (DocumentDate.YearOf(facets.Dated) is { } year)
            {
                fields.Add(new Int32Field(LexicalFields.DatedYear, year, Field.Store.NO));
            }

            indexWriter.AddDocument(fields);
        }
    }

    public void DeleteDocument(string documentId) => RequireWriter().DeleteDocuments(new Term(LexicalFields.DocumentId, documentId));

    /// <summary>Makes everything added so far durable and visible to new searches.</summary>
    /// <param name="storeStamp">
    /// The store's content stamp, when the index now holds exactly the chunks the store held at it; null when the
    /// caller cannot say so.
    /// </param>
    public void Commit(string? storeStamp = null) => CommitWith(RequireWriter(), storeStamp);

    /// <summary>
    /// Commits, then links or copies the files of that commit into <paramref name="folder"/>: an index that opens by
    /// itself as it stood at this moment, whatever is added or merged meanwhile.
    /// </summary>
    /// <param name="storeStamp">As for <see cref="Commit"/>.</param>
    public void CommitInto(string folder, string? storeStamp)
    {
        var indexWriter = RequireWriter();
        CommitWith(indexWriter, storeStamp);
        var commit = commits.Snapshot();
        try
        {
            foreach (var name in commit.FileNames)
            {
                FileLinks.LinkOrCopy(Path.Combine(directory.Directory.FullName, name), Path.Combine(folder, name));
            }
        }
        finally
        {
            commits.Release(commit);
            indexWriter.DeleteUnusedFiles();
        }
    }

    /// <summary>How many chunks each document has in the index.</summary>
    public Dictionary<string, int> ChunkCounts()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        WithSearcher(searcher =>
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var termsEnum = reader.GetTerms(LexicalFields.DocumentId)?.GetEnumerator();
                while (termsEnum?.MoveNext() == true)
                {
                    var live = 0;
                    var docs = termsEnum.Docs(reader.LiveDocs, null);
                    while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        live++;
                    }

                    if (live > 0)
                    {
                        var id = termsEnum.Term.Utf8ToString();
                        counts[id] = counts.GetValueOrDefault(id) + live;
                    }
                }
            }
        });
        return counts;
    }

    /// <summary>Parses a user query; a query with syntax errors is searched as plain words instead of failing.</summary>
    /// <param name="asYouType">The words are still being typed, so the last one also matches as a prefix.</param>
    public Query ParseQuery(string text, bool asYouType = false)
    {
        // "Who built the lighthouse?" is a question, not a one-letter wildcard after "lighthouse".
        var parsed = ShelfQueryParser.ParseOrWords(analyzer, QuestionMarks.Strip(text));
        return asYouType ? TypeAhead.WithLastWordAsPrefix(parsed, text.Trim()) : parsed;
    }

    /// <summary>
    /// The best <paramref name="top"/> chunks for <paramref name="query"/>; cancelling stops the search part-way, in the
    /// expansion of its patterns as in matching.
    /// </summary>
    /// <exception cref="QueryTooCostlyException">A pattern of the query reaches too many words.</exception>
    public IReadOnlyList<LexicalHit> Search(Query query, int top, SearchFilters? filters = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<LexicalHit> hits = [];
        var filtered = FilterQuery.Apply(query, filters ?? SearchFilters.None);
        WithSearcher(shared =>
        {
            // A view of the searcher's reader that stops when the token does, so the query's rewrite stops too.
            var searcher = new IndexSearcher(new CancellableReader((DirectoryReader)shared.IndexReader, cancellationToken)) { Similarity = shared.Similarity };
            // Scored out of order, a query of words alone is scored a block of chunks at a time rather than merging
            // its words' postings chunk by chunk: about a tenth faster at a million chunks, and ties still go to the
            // lower chunk number, so the ranking is the same.
            hits = SegmentScoring.Best(searcher, filtered, Math.Clamp(top, 1, Math.Max(1, searcher.IndexReader.MaxDoc)), cancellationToken)
                .Select(scoreDoc => ToHit(searcher.Doc(scoreDoc.Doc), scoreDoc.Score))
                .ToList();
        });
        return hits;
    }

    /// <summary>
    /// Every place each of <paramref name="documentIds"/> holds <paramref name="terms"/>, in the chunks
    /// <paramref name="query"/> matches under <paramref name="filters"/>: read from the postings, which keep each
    /// word's offsets, as page and offset on the page. Chunks overlap a little, so a word in an overlap is found
    /// twice at the same place and kept once.
    /// </summary>
    public Dictionary<string, HashSet<WordHit>> PlacesIn(
        Query query, QueryTermSet terms, SearchFilters filters, IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken = default)
    {
        var places = documentIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, _ => new HashSet<WordHit>(), StringComparer.Ordinal);
        if (terms.IsEmpty)
        {
            return places;
        }

        WithSearcher(shared =>
        {
            var reader = (DirectoryReader)shared.IndexReader;
            var searcher = new IndexSearcher(new CancellableReader(reader, cancellationToken)) { Similarity = shared.Similarity };
            foreach (var (documentId, found) in places)
            {
                var matching = new AllDocumentsCollector();
                searcher.Search(FilterQuery.Apply(query, filters with { DocumentId = documentId }), new CancellableCollector(matching, cancellationToken));
                foreach (var inLeaf in matching.Found.Order().GroupBy(doc => ReaderUtil.SubIndex(doc, reader.Leaves)))
                {
                    var leaf = reader.Leaves[inLeaf.Key];
                    ChunkPlaces.Read(leaf.AtomicReader, [.. inLeaf.Select(doc => doc - leaf.DocBase)], terms, analyzer, found, cancellationToken);
                }
            }
        });
        return places;
    }

    /// <summary>
    /// Which of <paramref name="chunkIds"/> hold any of <paramref name="terms"/>, read from the postings: what
    /// analysing each chunk's text again would find, without reading a text.
    /// </summary>
    public HashSet<string> ChunksHolding(IReadOnlyCollection<string> chunkIds, QueryTermSet terms, CancellationToken cancellationToken = default)
    {
        var holding = new HashSet<string>(StringComparer.Ordinal);
        if (terms.IsEmpty || chunkIds.Count == 0)
        {
            return holding;
        }

        WithSearcher(searcher =>
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var segment = leaf.AtomicReader;
                var docs = ChunkDocs(segment, chunkIds);
                if (docs.Count == 0 || segment.GetTerms(LexicalFields.Text) is not { } text)
                {
                    continue;
                }

                var seek = text.GetEnumerator();
                foreach (var term in terms.TermsIn(text))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!seek.SeekExact(term) || seek.Docs(segment.LiveDocs, null, DocsFlags.NONE) is not { } postings)
                    {
                        continue;
                    }

                    foreach (var (doc, id) in docs)
                    {
                        if (postings.DocID < doc)
                        {
                            postings.Advance(doc);
                        }

                        if (postings.DocID == doc)
                        {
                            holding.Add(id);
                        }
                    }
                }
            }
        });
        return holding;
    }

    /// <summary>
    /// The words of <paramref name="text"/> that no chunk on the shelf holds, as they were typed: each word is analysed
    /// as the index analyses text, and is absent when none of its terms is in the index. Operators, patterns, excluded
    /// words and a word still being typed are left out, since they name no fixed term.
    /// </summary>
    public IReadOnlyList<string> AbsentWords(string text, bool asYouType = false)
    {
        // Each word analysed once; a word of stop words alone has no terms and names nothing to be absent.
        var absent = QueryWords.Of(text, asYouType).Select(word => (Word: word, Terms: AnalysedTerms(word))).Where(w => w.Terms.Count > 0).ToList();
        WithSearcher(searcher => absent.RemoveAll(w => w.Terms.Any(term => IsHeld(searcher.IndexReader, term))));
        return [.. absent.Select(w => w.Word)];
    }

    public void Dispose()
    {
        searchers?.Dispose();
        writer?.Dispose();
        analyzer.Dispose();
        directory.Dispose();
    }

    private static LexicalHit ToHit(LuceneDocument document, float score) => new(
        document.Get(LexicalFields.ChunkId),
        document.Get(LexicalFields.DocumentId),
        document.GetField(LexicalFields.Page).GetInt32Value() ?? 0,
        document.GetField(LexicalFields.Start)?.GetInt32Value() ?? 0,
        score,
        document.Get(LexicalFields.Text));

    private List<string> AnalysedTerms(string word)
    {
        var terms = new List<string>();
        using var tokens = analyzer.GetTokenStream(LexicalFields.Text, new StringReader(word));
        var term = tokens.AddAttribute<ICharTermAttribute>();
        tokens.Reset();
        while (tokens.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        tokens.End();
        return terms;
    }

    /// <summary>The chunks of <paramref name="chunkIds"/> still in <paramref name="segment"/>, by their number there, in rising order.</summary>
    private static SortedList<int, string> ChunkDocs(AtomicReader segment, IEnumerable<string> chunkIds)
    {
        var found = new SortedList<int, string>();
        var ids = segment.GetTerms(LexicalFields.ChunkId)?.GetEnumerator();
        foreach (var id in ids is null ? [] : chunkIds)
        {
            if (ids!.SeekExact(new BytesRef(id)) && ids.Docs(segment.LiveDocs, null, DocsFlags.NONE).NextDoc() is var doc && doc != DocIdSetIterator.NO_MORE_DOCS)
            {
                found[doc] = id;
            }
        }

        return found;
    }

    /// <summary>Whether a chunk still on the shelf holds <paramref name="term"/>; removed chunks not merged away yet do not count.</summary>
    private static bool IsHeld(IndexReader reader, string term)
    {
        var wanted = new Term(LexicalFields.Text, term);
        foreach (var leaf in reader.Leaves)
        {
            var docs = leaf.AtomicReader.GetTermDocsEnum(wanted);
            if (docs is not null && docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                return true;
            }
        }

        return false;
    }

    private static void CommitWith(IndexWriter indexWriter, string? storeStamp)
    {
        indexWriter.SetCommitData(CommitData(storeStamp));
        indexWriter.Commit();
    }

    private static Dictionary<string, string> CommitData(string? storeStamp)
    {
        var data = new Dictionary<string, string> { [SchemaKey] = SchemaVersion };
        if (storeStamp is not null)
        {
            data[StoreStampKey] = storeStamp;
        }

        return data;
    }

    /// <summary>The last commit's own data, read from its segments file alone (no segment is opened); null when there is no index yet.</summary>
    private Dictionary<string, string>? LastCommitData()
    {
        if (!DirectoryReader.IndexExists(directory))
        {
            return null;
        }

        var infos = new SegmentInfos();
        infos.Read(directory);
        return new(infos.UserData);
    }

    private IndexWriter RequireWriter() =>
        writer ?? throw new InvalidOperationException("The lexical index was opened read-only.");

    /// <summary>Runs <paramref name="search"/> on an up-to-date searcher; does nothing when no index exists yet.</summary>
    private void WithSearcher(Action<IndexSearcher> search)
    {
        var manager = Searchers();
        if (manager is null)
        {
            return;
        }

        manager.MaybeRefreshBlocking();
        var searcher = manager.Acquire();
        try
        {
            search(searcher);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    private SearcherManager? Searchers()
    {
        lock (searchersLock)
        {
            if (searchers is null && writer is not null)
            {
                searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
            }
            else if (searchers is null && DirectoryReader.IndexExists(directory))
            {
                searchers = new SearcherManager(directory, new Bm25SearcherFactory());
            }

            return searchers;
        }
    }
}
