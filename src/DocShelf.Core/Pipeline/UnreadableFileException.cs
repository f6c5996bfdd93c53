namespace DocShelf.Core.Pipeline;

/// <summary>
/// A file that cannot be read. The message is the one-line reason shown to the archivist, in words a person
/// understands; <see cref="Detail"/> keeps what the tool that failed said, for whoever looks further.
/// </summary>
public sealed class UnreadableFileException : Exception
{
    public UnreadableFileException(string reason)
        : base(reason)
    {
    }

    public UnreadableFileException(string reason, string? detail)
        : base(reason) => Detail = detail;

    public UnreadableFileException(string reason, Exception inner)
        : base(reason, inner)
    {
    }

    public UnreadableFileException()
    {
    }

    /// <summary>The failing tool's own words (its error output), or null when the reason says all there is.</summary>
    public string? Detail { get; }
}
