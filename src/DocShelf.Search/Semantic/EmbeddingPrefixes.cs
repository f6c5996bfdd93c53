namespace DocShelf.Search.Semantic;

/// <summary>
/// Text a model was trained to see before a query or a passage (arctic-embed's queries begin "Represent this
/// sentence for searching relevant passages: "). Without it such a model ranks noticeably worse.
/// </summary>
public sealed record EmbeddingPrefixes(string Query = "", string Passage = "")
{
    public static EmbeddingPrefixes None { get; } = new();
}
