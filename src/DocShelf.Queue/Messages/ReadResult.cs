using DocShelf.Queue.Transfer;
using DocShelf.Queue.Work;

namespace DocShelf.Queue.Messages;

/// <summary>
/// A worker's answer to a <see cref="ReadRequest"/>, in the results queue: the reading, itself a transfer in parts
/// (a <see cref="Readings.ReadingArchive"/>), or the reason the file could not be read.
/// </summary>
/// <param name="Reading">The reading's transfer; null when the file could not be read.</param>
/// <param name="Reason">Why the file could not be read, as the shelf shows it; null when it was read.</param>
/// <param name="Detail">What the failing tool said, kept beside the reason.</param>
public sealed record ReadResult(
    string JobId,
    string Worker,
    ReadingIdentity Identity,
    TransferDescription? Reading,
    string? Reason,
    string? Detail);
