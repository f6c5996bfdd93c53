using LiteDB;

namespace DocShelf.Search.Vectors;

/// <summary>A chunk's vector as LiteDB keeps it: the encoded bytes, not an array of numbers.</summary>
public sealed record StoredVector
{
    /// <summary>The chunk id.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The vector's number in its collection's graphs and rows: handed out in rising order as vectors are stored,
    /// never twice, so a vector stored again gets a new one and the old one is recorded as a <see cref="GoneVector"/>.
    /// 0 for a vector stored before store schema 3, until the upgrade numbers it.
    /// </summary>
    public long Key { get; init; }

    /// <summary>Vectors stored before numbering: the field is absent from their documents, or 0.</summary>
    public static BsonExpression NotNumbered => Query.Or(Query.EQ(nameof(Key), BsonValue.Null), Query.EQ(nameof(Key), 0L));

    public required string DocumentId { get; init; }

    public int Page { get; init; }

    public required byte[] Data { get; init; }
}
