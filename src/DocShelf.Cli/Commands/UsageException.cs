namespace DocShelf.Cli.Commands;

/// <summary>The user asked for something that cannot be done as asked; the message says what to do instead.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
