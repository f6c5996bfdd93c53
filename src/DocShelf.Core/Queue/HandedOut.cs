using DocShelf.Core.Documents;

namespace DocShelf.Core.Queue;

/// <summary>
/// A file the shelf handed to reading workers through the broker. Recorded before the file is sent, so a kill in
/// the middle of sending leaves a trace to clear; confirmed once the broker holds the whole file and its request,
/// after which the file's reading comes back as a result, however often the shelf restarts meanwhile.
/// </summary>
public sealed record HandedOut
{
    /// <summary>Names the job's messages and the transfer of its bytes; a result for any other job of the path is dropped.</summary>
    public required string JobId { get; init; }

    /// <summary>The content sent, whose document the reading must be.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The kind of file the bytes were judged to be, for the record of a file the workers could not read.</summary>
    public FileKind Kind { get; init; }

    /// <summary>How many parts the bytes were sent in, so the shelf can take them back as the page source; known once confirmed.</summary>
    public int Parts { get; init; }

    public long Bytes { get; init; }

    /// <summary>The reading identity (DocShelf release, embedding model, OCR languages) the file was sent to be read under.</summary>
    public required string Identity { get; init; }

    public DateTime SentUtc { get; init; }

    /// <summary>Whether the broker confirmed the file's bytes and its request.</summary>
    public bool Confirmed { get; init; }
}
