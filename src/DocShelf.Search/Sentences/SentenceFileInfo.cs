using DocShelf.Search.Vectors;

namespace DocShelf.Search.Sentences;

/// <summary>
/// What the store knows of a model's sentence file: the vectors' size and encoding, and the end of the last entry it
/// acknowledged. Bytes past that end were written by a change that never committed, and a writer cuts them off.
/// </summary>
public sealed record SentenceFileInfo
{
    /// <summary>The model's name and <see cref="SentenceKey.CollectionSuffix"/>.</summary>
    public required string Id { get; init; }

    public required int Dimensions { get; init; }

    public required VectorEncoding Encoding { get; init; }

    /// <summary>Where the last acknowledged entry ends: the file's length as far as the store is concerned.</summary>
    public long End { get; init; }

    /// <summary>Sentence vectors the file holds for chunks still on the shelf, kept with every change.</summary>
    public long Count { get; init; }
}
