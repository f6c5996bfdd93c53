namespace DocShelf.Queue.Transfer;

/// <summary>What a receiver needs to take a file's parts off the broker and know it has the whole file, unchanged.</summary>
/// <param name="Id">Names the queue the parts wait in.</param>
/// <param name="Sha256">The whole file's, lower-case hex, as the sender hashed it.</param>
public sealed record TransferDescription(string Id, string Sha256, long Bytes, int Parts);
