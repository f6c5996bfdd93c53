using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Intake;

namespace DocShelf.Ingestion.Readers.Text;

/// <summary>A text file's characters, decoded from whatever common encoding it is in, within a size the worker can hold.</summary>
public static class TextFile
{
    /// <summary>Larger text files are refused: their text is held whole while it is read.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public static Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        return length > MaxBytes
            ? throw new UnreadableFileException($"the text file is {length / 1e6:0} MB, more than the limit of {MaxBytes / 1e6:0} MB")
            : TextDecoding.ReadAllAsync(path, cancellationToken);
    }
}
