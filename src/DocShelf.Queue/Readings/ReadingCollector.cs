using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Search.Semantic;

namespace DocShelf.Queue.Readings;

/// <summary>
/// The pipeline's sink and page-source keeper on a worker, which holds no shelf: it knows no content (so every file
/// is read; the shelf deduplicated before sending), and gathers the documents and the files their pages are drawn
/// from, in the order the pipeline hands them over, for the reading that goes back to the shelf.
/// </summary>
/// <param name="original">Where the worker keeps the file the shelf sent; a page source that is this file is not sent back.</param>
/// <param name="sourcesFolder">Where page sources made while reading (attachments, office files laid out as PDFs) are copied.</param>
public sealed class ReadingCollector(string original, string sourcesFolder) : IDocumentSink, IPageSourceKeeper
{
    private readonly List<(DocumentRecord Record, string Path, IReadOnlyList<PageContent> Pages, IReadOnlyList<Chunk> Chunks)> documents = [];
    private readonly Dictionary<string, string> sources = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Archive entry names of the page sources made while reading, and the files that hold them.</summary>
    public IReadOnlyDictionary<string, string> SourceFiles
    {
        get
        {
            lock (gate)
            {
                return sources.Where(s => s.Value != original).ToDictionary(s => EntryName(s.Key), s => s.Value, StringComparer.Ordinal);
            }
        }
    }

    public DocumentRecord? AttachPath(string path, string documentId) => null;

    public void Publish(DocumentRecord document, string path, IReadOnlyList<PageContent> pages, IReadOnlyList<Chunk> chunks)
    {
        lock (gate)
        {
            documents.Add((document, path, pages, chunks));
        }
    }

    public void Quarantine(DocumentRecord document, string path) => Publish(document, path, [], []);

    public void Keep(string documentId, string source)
    {
        lock (gate)
        {
            if (sources.ContainsKey(documentId))
            {
                return;
            }

            if (source == original)
            {
                sources[documentId] = source;
                return;
            }

            // Copied now: the reader's scratch files go when their document is done.
            var copy = Path.Combine(Directory.CreateDirectory(sourcesFolder).FullName, documentId);
            File.Copy(source, copy, overwrite: true);
            sources[documentId] = copy;
        }
    }

    /// <summary>
    /// The reading: every document gathered, with the vectors <paramref name="embedder"/> makes of their chunks (all
    /// in one call, so the model batches across documents); without vectors when the shelf keeps none.
    /// </summary>
    public async Task<ReadingBundle> ToBundleAsync(PassageEmbedder? embedder, CancellationToken cancellationToken)
    {
        List<Chunk> chunks = [.. documents.SelectMany(d => d.Chunks)];
        var embeddings = embedder is null || chunks.Count == 0 ? new ChunkEmbeddings([], []) : await embedder.EmbedChunksAsync(chunks, cancellationToken);
        var vectors = embeddings.Chunks.ToLookup(v => v.DocumentId, StringComparer.Ordinal);
        var sentences = embeddings.Sentences.ToLookup(s => s.DocumentId, StringComparer.Ordinal);
        return new ReadingBundle(
        [
            .. documents.Select(d => new BundledDocument(
                d.Record,
                d.Path,
                d.Pages,
                d.Chunks,
                [.. vectors[d.Record.Id].Select(v => new BundledVector(v.ChunkId, VectorBytes.Of(v.Vector)))],
                [.. sentences[d.Record.Id].Select(s => new BundledSentences(s.ChunkId, [.. s.Sentences.Select(v => new BundledSentence(v.Start, v.End, VectorBytes.Of(v.Vector)))]))],
                SourceOf(d.Record.Id))),
        ]);
    }

    private string? SourceOf(string documentId) =>
        sources.TryGetValue(documentId, out var source) ? source == original ? BundledDocument.OriginalSource : EntryName(documentId) : null;

    /// <summary>The archive entry a page source made while reading is carried in.</summary>
    public static string EntryName(string documentId) => $"sources/{documentId}";
}
