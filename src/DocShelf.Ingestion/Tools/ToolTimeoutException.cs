namespace DocShelf.Ingestion.Tools;

/// <summary>A child process ran past its time limit and was killed.</summary>
public sealed class ToolTimeoutException : Exception
{
    public ToolTimeoutException(string message)
        : base(message)
    {
    }

    public ToolTimeoutException()
    {
    }

    public ToolTimeoutException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
