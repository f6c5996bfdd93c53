namespace DocShelf.Ingestion.Chunking;

/// <summary>
/// How pages are cut into chunks. The defaults keep a chunk to a paragraph or two, small enough for a precise
/// citation and a focused embedding, with a sentence of overlap so a fact split across a cut is still found.
/// </summary>
public sealed record ChunkingOptions
{
    public int MaxCharacters { get; init; } = 1000;

    public int OverlapCharacters { get; init; } = 150;

    public void Validate()
    {
        if (MaxCharacters < 100)
        {
            throw new ArgumentException("The chunk size must be at least 100 characters.");
        }

        if (OverlapCharacters < 0 || OverlapCharacters * 2 > MaxCharacters)
        {
            throw new ArgumentException("The chunk overlap must be between 0 and half the chunk size.");
        }
    }
}
