namespace DocShelf.Search.Store;

/// <summary>Another process is writing to the shelf.</summary>
public sealed class ShelfInUseException : Exception
{
    public ShelfInUseException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ShelfInUseException(string message)
        : base(message)
    {
    }

    public ShelfInUseException()
    {
    }
}
