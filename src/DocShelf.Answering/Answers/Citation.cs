using DocShelf.Core.Documents;

namespace DocShelf.Answering.Answers;

/// <summary>
/// Where a sentence of an answer comes from: the document, the page, the chunk, the words quoted, and the boxes of
/// those words on the page (in the page's units; <see cref="PageWidth"/> and <see cref="PageHeight"/> give its size).
/// </summary>
public sealed record Citation
{
    /// <summary>The number the answer text cites it by: [1], [2]…</summary>
    public required int Number { get; init; }

    public required string DocumentId { get; init; }

    public required string Path { get; init; }

    public required int Page { get; init; }

    public required string ChunkId { get; init; }

    public required string Quote { get; init; }

    public IReadOnlyList<Box> Boxes { get; init; } = [];

    public double PageWidth { get; init; }

    public double PageHeight { get; init; }
}
