namespace DocShelf.Queue.Readings;

/// <summary>
/// What a worker read of one file: its documents in the order the shelf publishes them (attachments before the file
/// that holds them, the file itself last), each with its pages, chunks and vectors.
/// </summary>
public sealed record ReadingBundle(IReadOnlyList<BundledDocument> Documents);
