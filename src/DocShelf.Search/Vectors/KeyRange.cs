namespace DocShelf.Search.Vectors;

/// <summary>
/// Keys <see cref="First"/> to <see cref="Last"/> of a vector collection that no graph covers. A hole lies below
/// the last graph's range and gets a graph of its own; any other range lies past every graph and goes to the one
/// that grows.
/// </summary>
internal readonly record struct KeyRange(long First, long Last, bool IsHole)
{
    public LiteDB.BsonExpression Query => LiteDB.Query.Between(nameof(StoredVector.Key), First, Last);
}
