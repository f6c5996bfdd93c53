using DocShelf.Ingestion.Chunking;
using DocShelf.Queue.Transfer;
using DocShelf.Queue.Work;

namespace DocShelf.Queue.Messages;

/// <summary>
/// A file for a worker to read, in the files queue of the shelf's reading identity; its bytes wait in the transfer
/// it names. It carries no path of the shelf's machine: only the file's name, which readers use as a hint.
/// </summary>
/// <param name="JobId">The job, which names the transfer of the file's bytes and the result that answers it.</param>
/// <param name="Name">The file's name without its folder, for the worker's log and for readers that go by extension.</param>
/// <param name="WithSentences">Whether the shelf keeps sentence vectors, which the worker then makes beside the chunks'.</param>
public sealed record ReadRequest(
    string JobId,
    string Name,
    TransferDescription File,
    ReadingIdentity Identity,
    ChunkingOptions Chunking,
    bool WithSentences);
