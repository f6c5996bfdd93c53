using Microsoft.Extensions.VectorData;

namespace DocShelf.Search.Vectors;

/// <summary>The vector of one chunk, with what a search needs to cite it.</summary>
public sealed record ChunkVector
{
    [VectorStoreKey]
    public required string ChunkId { get; init; }

    [VectorStoreData(IsIndexed = true)]
    public required string DocumentId { get; init; }

    [VectorStoreData]
    public int Page { get; init; }

    /// <summary>Empty when a record is read back without its vector.</summary>
    public ReadOnlyMemory<float> Vector { get; init; }

    /// <summary>The record's shape for another VectorData store, whose vector size must be given when the model is known.</summary>
    public static VectorStoreCollectionDefinition Definition(int dimensions) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(ChunkId), typeof(string)),
            new VectorStoreDataProperty(nameof(DocumentId), typeof(string)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(Page), typeof(int)),
            new VectorStoreVectorProperty(nameof(Vector), typeof(ReadOnlyMemory<float>), dimensions) { DistanceFunction = DistanceFunction.CosineSimilarity },
        ],
    };
}
