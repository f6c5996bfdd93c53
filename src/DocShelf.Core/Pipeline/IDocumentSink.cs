using DocShelf.Core.Documents;

namespace DocShelf.Core.Pipeline;

/// <summary>
/// Where the pipeline's documents go once read: the shelf's one writer on the machine that holds the shelf, or a
/// worker's reading, which travels to the shelf to be published there.
/// </summary>
public interface IDocumentSink
{
    /// <summary>
    /// Records that <paramref name="path"/> holds content already read, and returns its record; null when the content
    /// must be read. A sink with no shelf behind it knows no content and always returns null.
    /// </summary>
    DocumentRecord? AttachPath(string path, string documentId);

    /// <summary>A document read from <paramref name="path"/>, with its pages and chunks.</summary>
    void Publish(DocumentRecord document, string path, IReadOnlyList<PageContent> pages, IReadOnlyList<Chunk> chunks);

    /// <summary>A document that could not be read, with its reason.</summary>
    void Quarantine(DocumentRecord document, string path);
}
