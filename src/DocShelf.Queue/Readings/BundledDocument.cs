using DocShelf.Core.Documents;

namespace DocShelf.Queue.Readings;

/// <summary>
/// One document of a worker's reading, as the pipeline handed it over, with the vectors the worker made of its
/// chunks. Its path is the worker's: the file's name, and after it "//" and a place for a document inside the file;
/// the shelf puts the file's own path in front.
/// </summary>
/// <param name="PageSource">
/// Where its pages are drawn from: <see cref="OriginalSource"/> for the file the shelf sent, the name of an entry in
/// the reading's archive (an attachment, the PDF an office file was laid out as), or null for a document shown as text.
/// </param>
public sealed record BundledDocument(
    DocumentRecord Record,
    string Path,
    IReadOnlyList<PageContent> Pages,
    IReadOnlyList<Chunk> Chunks,
    IReadOnlyList<BundledVector> Vectors,
    IReadOnlyList<BundledSentences> Sentences,
    string? PageSource)
{
    public const string OriginalSource = "original";
}
