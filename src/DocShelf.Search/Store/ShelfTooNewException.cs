namespace DocShelf.Search.Store;

/// <summary>The shelf was written by a newer DocShelf, in a store layout this one does not know.</summary>
public sealed class ShelfTooNewException(int schema)
    : Exception($"This shelf was written by a newer DocShelf: its store is in schema {schema}, and this DocShelf reads schemas up to {ShelfDatabase.SchemaVersion}. Use the DocShelf that wrote it, or a newer one; nothing on the shelf was changed.")
{
    public int Schema { get; } = schema;
}
