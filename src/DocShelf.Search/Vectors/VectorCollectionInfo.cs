namespace DocShelf.Search.Vectors;

/// <summary>What built a vector collection: its model, the vectors' size and how they are encoded.</summary>
public sealed record VectorCollectionInfo
{
    /// <summary>The collection name, which is the name of the model that made its vectors.</summary>
    public required string Id { get; init; }

    public required int Dimensions { get; init; }

    public VectorEncoding Encoding { get; init; } = VectorEncoding.Full;

    public DateTime CreatedUtc { get; init; }

    /// <summary>The last <see cref="StoredVector.Key"/> handed out.</summary>
    public long LastKey { get; init; }

    /// <summary>Vectors in the collection, kept with every change so counting reads nothing else.</summary>
    public long Count { get; init; }
}
