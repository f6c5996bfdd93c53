namespace DocShelf.Core.Pipeline;

/// <summary>A file that cannot be read; the message is the one-line reason shown to the archivist.</summary>
public sealed class UnreadableFileException : Exception
{
    public UnreadableFileException(string reason)
        : base(reason)
    {
    }

    public UnreadableFileException(string reason, Exception inner)
        : base(reason, inner)
    {
    }

    public UnreadableFileException()
    {
    }
}
