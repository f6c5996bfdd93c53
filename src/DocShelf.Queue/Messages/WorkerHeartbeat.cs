using DocShelf.Queue.Work;

namespace DocShelf.Queue.Messages;

/// <summary>What a worker says of itself every few seconds, so the shelf can show who reads, how fast, and who went quiet.</summary>
/// <param name="Reading">The names of the files it is reading now, joined by commas; null when idle.</param>
/// <param name="Refusal">Why the worker refuses to read for this shelf (its identity differs); null when it reads.</param>
public sealed record WorkerHeartbeat(
    string Worker,
    ReadingIdentity Identity,
    DateTime StartedUtc,
    DateTime SentUtc,
    int FilesRead,
    int PagesRead,
    string? Reading,
    string? Refusal);
