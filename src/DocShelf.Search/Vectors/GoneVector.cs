namespace DocShelf.Search.Vectors;

/// <summary>
/// The key of a vector deleted or stored again under a new key: its row and graph entry stay until the range is
/// rebuilt, and searches skip it. Kept in the same transaction as the change that made it.
/// </summary>
public sealed record GoneVector
{
    /// <summary>The <see cref="StoredVector.Key"/> no longer in use.</summary>
    public long Id { get; init; }
}
