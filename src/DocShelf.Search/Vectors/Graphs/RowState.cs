namespace DocShelf.Search.Vectors.Graphs;

/// <summary>What a key's row in <see cref="VectorRows"/> holds.</summary>
public enum RowState : byte
{
    /// <summary>No row, or an empty one: the key had no vector when its row was written.</summary>
    Missing = 0,

    /// <summary>The vector and its citation.</summary>
    Present = 1,

    /// <summary>A vector whose ids are too long for a row: it is read from the store.</summary>
    InStore = 2,
}
