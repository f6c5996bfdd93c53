namespace DocShelf.Core.Documents;

/// <summary>A searchable piece of one page, anchored to its characters and the boxes of its words.</summary>
public sealed record Chunk
{
    /// <summary>"{documentId}/{page}/{index}".</summary>
    public required string Id { get; init; }

    public required string DocumentId { get; init; }

    public required int PageNumber { get; init; }

    /// <summary>Start offset in the page text (inclusive).</summary>
    public required int Start { get; init; }

    /// <summary>End offset in the page text (exclusive).</summary>
    public required int End { get; init; }

    /// <summary>The page text from <see cref="Start"/> to <see cref="End"/>. Its words' boxes are the page's: those of the page's words that start within it.</summary>
    public required string Text { get; init; }

    public static string MakeId(string documentId, int page, int index) => $"{documentId}/{page}/{index}";
}
