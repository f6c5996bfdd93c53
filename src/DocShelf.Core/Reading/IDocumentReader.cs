using DocShelf.Core.Documents;

namespace DocShelf.Core.Reading;

/// <summary>
/// Reads one kind of file into its pages. Each format has one reader and knows nothing of the others: adding a format
/// is adding a reader to the catalogue. A reader only reads; it throws <see cref="Pipeline.UnreadableFileException"/>
/// with a one-line reason when the file cannot be read.
/// </summary>
public interface IDocumentReader
{
    /// <summary>The kinds of file this reader reads.</summary>
    IReadOnlyCollection<FileKind> Kinds { get; }

    Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken);
}
